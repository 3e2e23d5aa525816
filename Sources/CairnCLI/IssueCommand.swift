public import ArgumentParser
import Cairn
import CairnReports
import CairnSyntax
import Foundation

extension IssuedCredentialFormat: ExpressibleByArgument {}

/// `cairn issue`: the signed Open Badges 3.0 credential a completed pathway awards.
struct IssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue the Open Badges 3.0 credential a pathway awards to a learner who completed it (or to a whole cohort).",
        discussion: """
            The learner is audited on --as-of; a pathway that is not complete is refused (exit 1) with the \
            audit, and nothing is issued. A complete one becomes an OpenBadgeCredential for the badge the \
            pathway awards, its components as evidence, signed with --key: --format ob3-json (a Data \
            Integrity eddsa-rdfc-2022 proof, Ed25519 keys) or vc-jwt (EdDSA or ES256). Every credential is \
            recorded in the store: a learner gets one credential per pathway, and issuing again prints the \
            one already issued. --status-list URL (made with `cairn status-list create`) gives it an entry \
            that `cairn status-list revoke` can set. With --cohort or --learners, every learner who \
            completed the pathway and has no credential yet gets one, written into --out DIR.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The pathway whose badge is issued.", valueName: "id"))
    var pathway: String

    @Option(help: ArgumentHelp("A learner record file, the id of a learner bundled in the workspace, or one in the store.",
                               valueName: "file|id"))
    var learner: String?

    @OptionGroup(title: "Cohorts") var cohort: CohortOptions

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("The issuer's private key file, as `cairn keys generate` writes it (JWK or PKCS#8 PEM).", valueName: "file"))
    var key: String

    @Option(help: ArgumentHelp("For a pathway with destinations or milestones: issue the badge one of them awards, when reached (recorded as PATHWAY#BADGE, once per learner).",
                               valueName: "badge"))
    var award: String?

    @Option(help: "ob3-json (an eddsa-rdfc-2022 proof) or vc-jwt (a compact JWS).")
    var format: IssuedCredentialFormat = .openBadgesJSON

    @Option(name: .customLong("status-list"), help: ArgumentHelp("A status list in the store (its URL) to give the credential an entry in.", valueName: "url"))
    var statusList: String?

    @Option(help: ArgumentHelp("The learner's result on the awarded badge's scale (one learner).", valueName: "value"))
    var result: String?

    @Option(help: ArgumentHelp("Bake the credential into this PNG or SVG image (one learner; needs --out).", valueName: "image"))
    var bake: String?

    @Option(help: ArgumentHelp("Where to write: a file for one learner (else standard output), a folder for a cohort.", valueName: "path"))
    var out: String?

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func validate() throws {
        if cohort.isCohort {
            if learner != nil { throw ValidationError("give --learner for one learner, or --cohort/--learners for many, not both") }
            if out == nil { throw ValidationError("a cohort's credentials are written into a folder: give --out DIR") }
            if bake != nil { throw ValidationError("--bake is for one learner") }
            if result != nil { throw ValidationError("--result is for one learner") }
        } else {
            guard learner != nil else { throw ValidationError("give --learner FILE|ID, or --cohort / --learners for a cohort") }
            if bake != nil, out == nil { throw ValidationError("a baked image is written to a file: give --out FILE") }
        }
    }

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let now = IssueCommand.timestamp(Date())
            let signingKey = try IssueCommand.readKey(key)
            var (loaded, pathwayID) = try workspace.load(pathway: pathway)
            if let award { (loaded, pathwayID) = try loaded.addingAward(award, of: pathwayID) }
            let issuer = try failing { () throws(IssuingFailure) in
                try CredentialIssuer(workspace: loaded, key: signingKey, format: format, statusList: statusList)
            }
            let store = try workspace.openStore()
            let exceptions = try workspace.exceptions()
            if cohort.isCohort {
                return try await runCohort(issuer, pathway: pathwayID, store: store, date: date, now: now, exceptions: exceptions)
            }
            let record = try loaded.learnerRecord(named: learner ?? "", verifier: credentials.verifier(), store: workspace)
            try strictness.check(loaded.problems(pathways: [pathwayID], records: [record]))
            let outcome = try failing({ () throws(IssuingFailure) in
                try issuer.issue(pathway: pathwayID, for: record, asOf: date, exceptions: exceptions, result: result,
                                 issuedAt: now, store: store)
            }, badgeNames: loaded.badgeNames(with: exceptions))
            let text: String
            switch outcome {
            case .issued(let credential):
                text = credential.text
                FileHandle.standardError.write(Data(("cairn: issued \(credential.id) to \(record.learner): "
                    + "\(credential.completion.awarded.name) (badge \(credential.badgeClass)), valid from \(credential.completion.completedOn)"
                    + (credential.completion.validUntil.map { " until \($0)" } ?? "")
                    + (credential.statusIndex.map { ", status list index \($0)" } ?? "") + "\n").utf8))
            case .alreadyIssued(let earlier):
                text = earlier.document ?? ""
                FileHandle.standardError.write(Data(("cairn: \(record.learner) already holds \(earlier.credentialID) for "
                    + "\(pathwayID), issued \(earlier.issuedAt)\(earlier.revoked ? " (revoked)" : ""); it is written again\n").utf8))
            }
            try write(text)
        }
    }

    /// Writes one learner's credential: to standard output, a file, or baked into an image.
    private func write(_ text: String) throws {
        guard let out else { return emit(text) }
        var bytes = Array(text.utf8)
        if let bake {
            let credential = text.trimmingCharacters(in: .whitespacesAndNewlines)
            do throws(FormatError) {
                let image = try BoundedFile.bytes(at: bake, limit: BakedBadge.maximumImageBytes, subject: "images")
                bytes = bake.lowercased().hasSuffix(".svg")
                    ? try BadgeBaker.bakeSVG(image, credential: credential, file: bake)
                    : try BadgeBaker.bakePNG(image, credential: credential, file: bake)
            } catch {
                throw CommandFailure(lines: [error.description], code: error.isUnreadableFile ? 66 : 65)
            }
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CommandFailure(lines: ["cannot write \(out): \(error.localizedDescription)"], code: 73)
        }
        FileHandle.standardError.write(Data("cairn: wrote \(out)\n".utf8))
    }

    private func runCohort(_ issuer: CredentialIssuer, pathway: String, store: any Store, date: CalendarDate, now: String,
                           exceptions: [RegistrarException]) async throws {
        let folder = URL(fileURLWithPath: out ?? ".")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(lines: ["cannot make the folder \(folder.path): \(error.localizedDescription)"], code: 73)
        }
        let output = try cohort.sink()
        let source = try cohort.source(workspace, credentials: credentials, strictness: strictness)
        let summary = try await issuer.issueCohort(
            pathway: pathway, source: source, asOf: date, exceptions: exceptions, issuedAt: now, store: store,
            progress: { done, total in output.progress(done: done, total: total) },
            emit: { outcomes in
                var lines = ""
                for case .issued(let credential) in outcomes {
                    let name = IssueCommand.fileName(learner: credential.learner, pathway: pathway, format: credential.format)
                    let url = folder.appendingPathComponent(name)
                    do {
                        try Data(credential.text.utf8).write(to: url, options: .atomic)
                    } catch {
                        throw CommandFailure(lines: ["cannot write \(url.path): \(error.localizedDescription) "
                            + "(the credential is kept in the store; the next run writes it again)"], code: 73)
                    }
                    lines += JSONValue.object([("learner", .string(credential.learner)), ("credential", .string(credential.id)),
                                               ("file", .string(url.path))]).serialized(pretty: false) + "\n"
                }
                output.write(lines)
            })
        try output.finish()
        FileHandle.standardError.write(Data(("cairn: \(summary.issued.groupedDigits) issued, \(summary.alreadyIssued.groupedDigits) "
            + "already issued, \(summary.incomplete.groupedDigits) not complete\n").utf8))
    }

    /// `learner--pathway.json` (or `.jwt`), with characters a file name cannot hold replaced.
    static func fileName(learner: String, pathway: String, format: IssuedCredentialFormat) -> String {
        let safe = { (text: String) in String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }) }
        return "\(safe(learner))--\(safe(pathway)).\(format == .openBadgesJSON ? "json" : "jwt")"
    }

    /// Seconds-precision UTC, as credentials and proofs write it.
    static func timestamp(_ date: Date) -> String {
        var formatter = Date.ISO8601FormatStyle()
        formatter.timeZone = TimeZone(identifier: "UTC") ?? .current
        return date.formatted(formatter)
    }

    /// The private key in `path`, or the reason it cannot be used (never with its contents).
    static func readKey(_ path: String) throws -> SigningKey {
        do {
            let bytes = try BoundedFile.bytes(at: path, display: path, limit: SigningKey.maximumFileBytes, subject: "key files")
            return try SigningKey.read(bytes, file: path)
        } catch {
            throw CommandFailure(lines: [error.description], code: error.isUnreadableFile ? 66 : 65)
        }
    }
}

/// Runs `body`, turning an ``IssuingFailure`` into what the command prints and exits with: an
/// incomplete pathway prints its audit and exits 1; a request that cannot be met exits 64.
func failing<Value>(_ body: () throws(IssuingFailure) -> Value, badgeNames: [String: String] = [:]) throws -> Value {
    do {
        return try body()
    } catch {
        switch error {
        case .incomplete(let audit):
            FileHandle.standardError.write(Data(AuditTextReport(audit: audit, badgeNames: badgeNames).text.utf8))
            throw CommandFailure(lines: [error.description], code: 1)
        case .refused(let message): throw CommandFailure(lines: [message], code: 64)
        case .workspace(let inner): throw CommandFailure(inner)
        case .store(let message): throw CommandFailure(lines: [message], code: 65)
        }
    }
}
