import CairnCore
import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Mutation fuzzing of the whole Open Badges path — envelope, JSON, credential reader, proofs,
/// status — on the bundled credentials: every damaged file reads and gets an outcome, or is
/// refused with `FormatErrors` naming the file. A damaged file is never `verified` unless its
/// bytes still say the same thing (the proof covers the meaning, not the layout).
@Suite("Fuzzing the Open Badges readers")
struct OpenBadgesFuzzTests {
    static let folder = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara")

    @Test("200 damaged copies of each kind of bundled credential read or fail cleanly", arguments: [
        "sql-querying.json", "research-design.jwt", "research-ethics.png", "stakeholder-communication.svg",
        "transcript-2024.json", "data-analysis-foundations.json",
    ])
    func damaged(file: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let documents = LocalDocuments(folders: [Self.folder])
        let verifier = CredentialVerifier()
        let asOf = CalendarDate(year: 2026, month: 11, day: 29)!
        let original = try OpenBadgesFile.read(bytes, file: "fuzz", documents: documents).credential
        for seed in UInt64(0)..<200 {
            let damaged = ByteMutation.damaged(bytes, seed: seed)
            do {
                let read = try OpenBadgesFile.read(damaged, file: "fuzz", documents: documents)
                let outcome = verifier.verify(read.credential, file: "fuzz", documents: documents, asOf: asOf)
                if outcome.status == .verified, read.credential.document != original.document {
                    // Only a change that leaves the signed statements the same may still verify.
                    #expect(read.credential.issued == original.issued && read.credential.achievement == original.achievement,
                            "seed \(seed) verified a changed credential")
                }
            } catch {
                #expect(error.errors.allSatisfy { $0.location.file.hasPrefix("fuzz") }, "seed \(seed): \(error)")
            }
        }
    }
}
