import Crypto
import Foundation

/// A secret key, held outside the store, that signs every decision of a ``DecisionLog``: with it,
/// each decision's chain link also gets an HMAC-SHA256, so that someone who can rewrite the whole
/// store file — and so recompute every digest and every link — still cannot produce links that
/// verify under the key.
///
/// The key is the bytes of a file, exactly as stored (a trailing line feed is part of the key):
/// 32 to 4,096 of them, for example `head -c 32 /dev/urandom > log.key`. Keep the file where
/// the store's writers cannot read it; a log recorded with a key verifies with the same key only.
///
/// The MAC of a decision is the lower-case hex HMAC-SHA256, under the key, of the UTF-8 bytes
///
/// ```
/// cairn-decision-mac-v1⏎<chain link>⏎
/// ```
///
/// and the chain link covers the link before it, so a valid MAC on the newest decision vouches
/// for the whole log up to it.
public struct DecisionLogKey: Sendable {
    /// The fewest bytes a key may have: as many as the hash's output.
    public static let minimumBytes = 32
    /// The most bytes a key file may have (the file is read whole).
    public static let maximumBytes = 4_096

    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made for each MAC).
    private let bytes: [UInt8]

    /// A key made of `bytes`.
    ///
    /// - Throws: ``DecisionLogKeyError`` when there are fewer than ``minimumBytes`` or more than
    ///   ``maximumBytes`` (`path` names where the bytes came from in the message).
    public init(bytes: [UInt8], path: String = "the log key") throws(DecisionLogKeyError) {
        guard bytes.count >= Self.minimumBytes else {
            throw DecisionLogKeyError(path: path, reason: .tooShort(bytes: bytes.count))
        }
        guard bytes.count <= Self.maximumBytes else {
            throw DecisionLogKeyError(path: path, reason: .tooLong)
        }
        self.bytes = bytes
    }

    /// Reads the key file at `path`, refusing one larger than ``maximumBytes`` before reading it.
    ///
    /// - Throws: ``DecisionLogKeyError`` when the file does not exist, cannot be read, or holds
    ///   too few or too many bytes.
    public init(contentsOf path: String) throws(DecisionLogKeyError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DecisionLogKeyError(path: path, reason: .notFound)
        }
        // Only a regular file is read: a FIFO or a device would block or never end.
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw DecisionLogKeyError(path: path, reason: .unreadable)
        }
        guard (attributes?[.size] as? Int ?? 0) <= Self.maximumBytes else {
            throw DecisionLogKeyError(path: path, reason: .tooLong)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DecisionLogKeyError(path: path, reason: .unreadable)
        }
        try self.init(bytes: Array(data), path: path)
    }

    /// The MAC of a decision whose chain link is `link` (see the type's documentation).
    public func mac(forLink link: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("cairn-decision-mac-v1\n\(link)\n".utf8), using: SymmetricKey(data: bytes))
        return CreditDecision.hex(code)
    }
}

/// Why a log key could not be used, naming its file.
public struct DecisionLogKeyError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// There is no file at the path (or it is a folder).
        case notFound
        /// The file exists but is not a regular file, or could not be read.
        case unreadable
        /// The key has fewer than ``DecisionLogKey/minimumBytes`` bytes.
        case tooShort(bytes: Int)
        /// The key has more than ``DecisionLogKey/maximumBytes`` bytes.
        case tooLong
    }

    /// The key file.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .notFound:
            return "\(path): no such log key file"
        case .unreadable:
            return "\(path): the log key cannot be read (it must be a regular file Cairn may read)"
        case .tooShort(let bytes):
            return "\(path): a log key needs at least \(DecisionLogKey.minimumBytes) bytes, this one has \(bytes) "
                + "(make one with `head -c 32 /dev/urandom > FILE`)"
        case .tooLong:
            return "\(path): a log key file may hold at most \(DecisionLogKey.maximumBytes / 1024) KiB"
        }
    }
}
