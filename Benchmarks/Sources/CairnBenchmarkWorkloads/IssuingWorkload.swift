import Cairn
import Foundation

/// (h) Issuing: how many credentials Cairn signs per second, for each proof kind — the
/// credential of a bundled learner's completed pathway, built once and signed again and again
/// on one core (the audit and the store are not timed: `Benchmarks/issuing.sh` times whole
/// `cairn issue --cohort` runs).
public enum IssuingWorkload {
    /// One proof kind: the format and the key algorithm.
    struct Kind {
        var label: String
        var format: IssuedCredentialFormat
        var key: SigningKey.Kind
    }

    static let kinds = [
        Kind(label: "ob3-json, eddsa-rdfc-2022 (Ed25519)", format: .openBadgesJSON, key: .ed25519),
        Kind(label: "vc-jwt, EdDSA (Ed25519)", format: .verifiableCredentialJWT, key: .ed25519),
        Kind(label: "vc-jwt, ES256 (P-256)", format: .verifiableCredentialJWT, key: .p256),
    ]

    /// Signs felix's Data Analysis: Foundations credential `count` times per kind and prints
    /// credentials per second (best of three passes) and the median time of one signature.
    public static func run(count: Int, repositoryRoot: URL = CairnRepository.root) throws {
        let workspace = try Workspace(at: repositoryRoot)
        let record = try workspace.learnerRecord(at: repositoryRoot.appendingPathComponent("Pathways/learners/felix.yaml"))
        let asOf = try FixedDate.asOf()
        let pathway = "data-analysis-foundations"
        let audit = try workspace.audit(pathway: pathway, for: record, asOf: asOf)
        guard let definition = workspace.catalog.pathways[pathway] else { throw CocoaError(.fileNoSuchFile) }
        let completion = try StackCompletion(audit: audit, pathway: definition, record: record, catalog: workspace.catalog)
        let builder = OpenBadgeCredentialBuilder(issuer: completion.awarded.issuer, status: ("https://example.edu/status/1", 7))
        let credential = builder.credential(for: completion, id: "urn:uuid:00000000-0000-4000-8000-000000000000",
                                            recipient: CredentialRecipient(record: record, salt: "0123456789abcdef"),
                                            awardedAt: "2026-11-29T12:00:00Z", catalog: workspace.catalog)
        print("\(ProcessInfo.processInfo.activeProcessorCount) cores; one core signing; \(count) credentials per pass, best of 3")
        let clock = ContinuousClock()
        for kind in kinds {
            var key = SigningKey.generate(kind.key, id: "")
            key.id = "https://example.edu/keys/bench"
            let issuer = try CredentialIssuer(workspace: workspace, key: key, format: kind.format)
            var bytes = 0
            var best = Duration.seconds(1_000_000)
            var each: [Duration] = []
            for _ in 0..<3 {
                let pass = try clock.measure {
                    for _ in 0..<count {
                        let start = clock.now
                        bytes = try issuer.sign(credential, created: "2026-11-29T12:00:00Z").utf8.count
                        each.append(clock.now - start)
                    }
                }
                best = min(best, pass)
            }
            each.sort()
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            let median = each[each.count / 2]
            let micros = Double(median.components.seconds) * 1e6 + Double(median.components.attoseconds) / 1e12
            print(kind.label.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + String(format: " %8.0f credentials/s   median %7.0f µs   %6d bytes", Double(count) / seconds, micros, bytes))
        }
    }
}
