public import CairnCore
import Crypto
public import Foundation

/// One credit decision as a registrar records it: what was granted to a learner, under which
/// policy, on which day, from which input files — enough to reproduce the decision and to show
/// that it was reproduced.
///
/// A decision's ``digest`` covers everything that comes from the inputs and the engine (learner,
/// policy and version, as-of date, unit, total, transcript and input digests) and nothing that
/// comes from the log or the clock (``sequence``, ``recordedAt``): running `cairn credits` again on
/// the same files gives a decision with the same digest.
///
/// ## The digest's canonical serialization
///
/// The digest is the lower-case hex SHA-256 of these UTF-8 bytes, where `⏎` is one line feed
/// (0x0A), `<n>` is the byte count of the UTF-8 text that follows it, in decimal, and each text
/// is written exactly as held (no normalization, no escaping — the length makes it unambiguous):
///
/// ```
/// cairn-credit-decision-v1⏎
/// learner:<n>:<learner>⏎
/// policy:<n>:<policyID>⏎
/// policyVersion:<n>:<policyVersion>⏎
/// asOf:<n>:<asOf>⏎
/// unit:<n>:<unit>⏎
/// total:<n>:<total>⏎
/// transcript:<n>:<transcript>⏎
/// inputs:<count of inputs>⏎
/// input:<n>:<path>:<sha256>⏎        one line per input, in the order of `inputs`
/// ```
///
/// ``inputs`` are kept sorted by path (by UTF-8 bytes) so the order in which files were given
/// does not matter. ``canonicalBytes`` returns exactly these bytes, so anyone can check a digest
/// with `sha256sum`.
public struct CreditDecision: Sendable, Hashable, Codable {
    /// The SHA-256 of one input file, as it was read for the decision.
    public struct InputDigest: Sendable, Hashable, Codable {
        /// The file as the caller named it; keep it relative to the workspace so that the same
        /// files give the same digest on any machine.
        public var path: String
        /// Lower-case hex SHA-256 of the file's bytes (64 characters).
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }

        /// The digest of `contents`, the bytes read from `path`.
        public init(path: String, contents: some Sequence<UInt8>) {
            self.init(path: path, sha256: CreditDecision.digest(of: Array(contents)))
        }
    }

    /// The decision's place in the log, from 1; `nil` until
    /// ``DecisionLog/append(_:key:adoptingKey:)`` records it.
    public internal(set) var sequence: Int64?
    public let learner: String
    public let policyID: String
    public let policyVersion: String
    /// The day the policy was evaluated on, `YYYY-MM-DD`.
    public let asOf: String
    /// When the decision was made, ISO 8601 in UTC (`2026-03-01T09:30:00Z`); never earlier than
    /// the decision before it in the log (see ``DecisionLog/append(contentsOf:key:adoptingKey:after:)``).
    public package(set) var recordedAt: String
    /// Who recorded it (an operator's name or account; `credits --record` takes the user's
    /// login unless `--recorded-by` says otherwise); `nil` for decisions recorded before Cairn
    /// kept it. Like ``recordedAt`` it is the log's, not the inputs': the chain link covers it,
    /// the ``digest`` does not.
    public package(set) var recordedBy: String?
    /// The credit unit of ``total`` (`ECTS`, `CATS`, …).
    public let unit: String
    /// The total granted, exact: an integer, a terminating decimal or a fraction (`7/3`).
    public let total: String
    /// The transcript as JSON text, exactly as reported.
    public let transcript: String
    /// The input files' digests, sorted by path.
    public let inputs: [InputDigest]
    /// Lower-case hex SHA-256 of ``canonicalBytes``: equal for equal inputs, whenever and
    /// wherever the decision was made.
    public let digest: String

    /// A decision about to be recorded.
    ///
    /// - Parameters:
    ///   - total: the credit granted; kept as its exact text (`Rational`'s description) and unit.
    ///   - transcript: the transcript's JSON text.
    ///   - inputs: the digests of every file the decision read (policy, catalogues, learner
    ///     record…), in any order.
    ///   - recordedAt: when the decision was made. The caller reads the clock (the CLI does);
    ///     no library code does, so a decision made in a test or a replay carries the time given.
    ///   - recordedBy: who records it.
    public init(learner: String, policyID: String, policyVersion: String, asOf: CalendarDate, total: Credits,
                transcript: String, inputs: [InputDigest], recordedAt: Date, recordedBy: String? = nil) {
        self.init(sequence: nil, learner: learner, policyID: policyID, policyVersion: policyVersion,
                  asOf: asOf.description, recordedAt: Self.timestamp(recordedAt), unit: total.unit.name,
                  total: total.value.description, transcript: transcript, inputs: inputs)
        self.recordedBy = recordedBy
    }

    /// A decision from its stored texts; the digest is computed, never taken on trust.
    package init(sequence: Int64?, learner: String, policyID: String, policyVersion: String, asOf: String, recordedAt: String,
         unit: String, total: String, transcript: String, inputs: [InputDigest]) {
        self.sequence = sequence
        self.learner = learner
        self.policyID = policyID
        self.policyVersion = policyVersion
        self.asOf = asOf
        self.recordedAt = recordedAt
        self.unit = unit
        self.total = total
        self.transcript = transcript
        let sorted = inputs.sorted { lhs, rhs in
            lhs.path == rhs.path
                ? lhs.sha256.utf8.lexicographicallyPrecedes(rhs.sha256.utf8)
                : lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
        }
        self.inputs = sorted
        digest = Self.digest(of: Self.canonicalBytes(
            learner: learner, policyID: policyID, policyVersion: policyVersion, asOf: asOf, unit: unit, total: total,
            transcript: transcript, inputs: sorted))
    }

    /// The total as an exact number, when ``total`` is well formed.
    public var totalValue: Rational? { Rational(parsing: total) }

    /// The bytes the ``digest`` is taken over (see the type's documentation).
    public var canonicalBytes: [UInt8] {
        Self.canonicalBytes(learner: learner, policyID: policyID, policyVersion: policyVersion, asOf: asOf, unit: unit,
                            total: total, transcript: transcript, inputs: inputs)
    }

    private static func canonicalBytes(learner: String, policyID: String, policyVersion: String, asOf: String,
                                       unit: String, total: String, transcript: String,
                                       inputs: [InputDigest]) -> [UInt8] {
        var bytes = Array("cairn-credit-decision-v1\n".utf8)
        func field(_ name: String, _ value: String) {
            bytes += name.utf8
            bytes += ":\(value.utf8.count):".utf8
            bytes += value.utf8
            bytes.append(0x0A)
        }
        field("learner", learner)
        field("policy", policyID)
        field("policyVersion", policyVersion)
        field("asOf", asOf)
        field("unit", unit)
        field("total", total)
        field("transcript", transcript)
        bytes += "inputs:\(inputs.count)\n".utf8
        for input in inputs {
            field("input", input.path)
            bytes.removeLast()
            bytes += ":\(input.sha256)\n".utf8
        }
        return bytes
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func digest(of bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `date` as ISO 8601 in UTC, to the second: `2026-03-01T09:30:00Z`.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : String(value)
        }
        let year = String(parts.year ?? 1970)
        let paddedYear = year.count < 4 ? String(repeating: "0", count: 4 - year.count) + year : year
        return "\(paddedYear)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    // Decoding recomputes the digest: a decoded decision whose digest does not match its content
    // is refused rather than carried along.
    private enum CodingKeys: String, CodingKey {
        case sequence, learner, policyID, policyVersion, asOf, recordedAt, recordedBy, unit, total, transcript, inputs, digest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(sequence: try container.decodeIfPresent(Int64.self, forKey: .sequence),
                  learner: try container.decode(String.self, forKey: .learner),
                  policyID: try container.decode(String.self, forKey: .policyID),
                  policyVersion: try container.decode(String.self, forKey: .policyVersion),
                  asOf: try container.decode(String.self, forKey: .asOf),
                  recordedAt: try container.decode(String.self, forKey: .recordedAt),
                  unit: try container.decode(String.self, forKey: .unit),
                  total: try container.decode(String.self, forKey: .total),
                  transcript: try container.decode(String.self, forKey: .transcript),
                  inputs: try container.decode([InputDigest].self, forKey: .inputs))
        recordedBy = try container.decodeIfPresent(String.self, forKey: .recordedBy)
        if let claimed = try container.decodeIfPresent(String.self, forKey: .digest), claimed != digest {
            throw DecodingError.dataCorruptedError(
                forKey: .digest, in: container,
                debugDescription: "the decision's digest \(claimed) does not match its content (\(digest))")
        }
    }
}

extension CreditDecision {
    /// Why `self` cannot be recorded, or `nil` when it can: names the field and what is wrong.
    func problem() -> (field: String, reason: String)? {
        if learner.isEmpty { return ("learner", "is empty") }
        if policyID.isEmpty { return ("policy", "is empty") }
        if policyVersion.isEmpty { return ("policyVersion", "is empty") }
        if CalendarDate(iso8601: asOf) == nil {
            return ("asOf", "is not a calendar date such as 2026-11-29: \"\(asOf)\"")
        }
        if !Self.isTimestamp(recordedAt) {
            return ("recordedAt", "is not an ISO 8601 UTC time such as 2026-03-01T09:30:00Z: \"\(recordedAt)\"")
        }
        if unit.isEmpty { return ("unit", "is empty") }
        if Rational(parsing: total) == nil {
            return ("total", "is not an exact number such as 6, 7.5 or 2/3: \"\(total)\"")
        }
        if (try? JSONSerialization.jsonObject(with: Data(transcript.utf8), options: [.fragmentsAllowed])) == nil {
            return ("transcript", "is not JSON text")
        }
        var seen: Set<String> = []
        for input in inputs {
            if input.path.isEmpty { return ("input", "path is empty") }
            if !Self.isDigest(input.sha256) {
                return ("input", "\(input.path): expected a lower-case hex SHA-256 (64 characters), found \"\(input.sha256)\"")
            }
            if !seen.insert(input.path).inserted { return ("input", "\(input.path) is listed twice") }
        }
        return nil
    }

    /// 64 lower-case hex digits.
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// `YYYY-MM-DDTHH:MM:SS` with optional fractional seconds, then `Z`.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T"),
              CalendarDate(iso8601: String(decoding: bytes[0..<10], as: UTF8.self)) != nil else { return false }
        let time = bytes[11..<(bytes.count - 1)]
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        let clock = Array(time.prefix(8))
        guard clock.count == 8, clock[2] == UInt8(ascii: ":"), clock[5] == UInt8(ascii: ":"),
              [0, 1, 3, 4, 6, 7].allSatisfy({ isDigit(clock[$0]) }) else { return false }
        let hour = Int(clock[0] - 0x30) * 10 + Int(clock[1] - 0x30)
        let minute = Int(clock[3] - 0x30) * 10 + Int(clock[4] - 0x30)
        let second = Int(clock[6] - 0x30) * 10 + Int(clock[7] - 0x30)
        guard hour < 24, minute < 60, second <= 60 else { return false }
        let fraction = time.dropFirst(8)
        if fraction.isEmpty { return true }
        return fraction.first == UInt8(ascii: ".") && fraction.count > 1 && fraction.dropFirst().allSatisfy(isDigit)
    }
}
