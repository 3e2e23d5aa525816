import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// A file a request uploads: the raw body (`Content-Type` says what it is), or one file field of
/// a `multipart/form-data` form (the pages' upload form).
///
/// The bytes are written only to a fresh folder of the server's own choosing, under a name it
/// makes itself; the client's file name is kept for messages and to tell a PNG from a JWT, never
/// used as a path.
struct Upload: Sendable {
    var bytes: [UInt8]
    /// The client's file name, reduced to a safe last component (for messages).
    var filename: String
    /// The extension the file is read as: json, jwt, png or svg.
    var kind: String

    init(_ request: Request, context: CairnRequestContext, field: String) async throws {
        let body = try await request.bodyBytes(context)
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            let form = try PageForm.multipart(body, contentType: contentType)
            guard let file = form.file(field), !file.bytes.isEmpty else {
                throw APIError(.badRequest, "missing_file", "choose a file to upload (form field \(field))", at: "body.\(field)")
            }
            self.init(bytes: file.bytes, filename: file.filename, contentType: file.contentType ?? "")
        } else {
            guard !body.isEmpty else { throw APIError(.badRequest, "missing_file", "the request has no body: send the file as the body", at: "body") }
            self.init(bytes: body, filename: request.query("filename") ?? "upload", contentType: contentType)
        }
    }

    init(bytes: [UInt8], filename: String, contentType: String) {
        self.bytes = bytes
        let safe = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        self.filename = safe.isEmpty || safe.count > 200 ? "upload" : safe
        kind = Self.kind(filename: self.filename, contentType: contentType.lowercased(), bytes: bytes)
    }

    /// What to read the bytes as: the file name's extension when it is one Cairn reads, else
    /// the content type, else the first bytes.
    static func kind(filename: String, contentType: String, bytes: [UInt8]) -> String {
        let ext = (filename as NSString).pathExtension.lowercased()
        if ["json", "jwt", "png", "svg"].contains(ext) { return ext }
        if ext == "jsonld" { return "json" }  // a Europass (ELM) credential
        if contentType.contains("png") { return "png" }
        if contentType.contains("svg") { return "svg" }
        if contentType.contains("json") { return "json" }
        if contentType.contains("jwt") { return "jwt" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        let first = bytes.first { !Set<UInt8>([0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]).contains($0) }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return "json"
        case UInt8(ascii: "<"): return "svg"
        default: return "jwt"
        }
    }

    /// `text` with the temporary file's path, as a message names it (relative to the current
    /// folder, or whole), replaced by the client's file name: the server's folders are not the
    /// client's business, and the client knows its file by its own name.
    func naming(_ text: String, temporary url: URL) -> String {
        let paths = Set([DisplayPath.of(url), url.standardizedFileURL.path, url.path]).filter { !$0.isEmpty }
        return paths.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: filename) }
    }

    /// Runs `body` with the bytes in a new private folder, removed afterwards whatever happens.
    func withTemporaryFile<T>(in folder: URL, _ body: (URL) throws -> T) throws -> T {
        let directory = folder.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("credential." + kind)
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internalServerError, "storage", "the upload could not be written to the server's upload folder")
        }
        return try body(file)
    }
}
