import CairnCore
import CairnSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation

/// A streaming RDF/XML parser (RDF 1.1 XML Syntax) over libxml2's SAX2 interface.
///
/// Triples go to `emit` as they are read: the parser never builds a tree of the document and
/// never collects its triples, so memory stays bounded by the nesting depth, the longest
/// literal, and the `rdf:ID` and `rdf:nodeID` names used (which must be remembered to be
/// checked and mapped). Blank nodes get labels `b0`, `b1`, … unique within one parse; each
/// `rdf:nodeID` value maps to one of them for the whole document.
///
/// Safety: nothing is ever fetched (`XML_PARSE_NONET`), entities are never substituted and DTDs
/// never loaded; a document that declares any entity (internal or external, general or
/// parameter) or refers to an external DTD is refused, as is one nested deeper than
/// ``maximumDepth`` elements or holding a literal longer than ``maximumLiteralBytes``.
///
/// Errors are ``RDFXMLError``s naming the document, line and column; an error thrown by `emit`
/// stops the parse and is rethrown unchanged.
public struct RDFXMLParser: Sendable {
    /// The deepest element nesting accepted (libxml2 itself stops at 256 without
    /// `XML_PARSE_HUGE`; RDF/XML documents rarely go past 10).
    public static let maximumDepth = 256
    /// The longest literal accepted, in UTF-8 bytes (16 MiB).
    public static let maximumLiteralBytes = 16 << 20
    /// The largest file ``parse(file:_:)`` streams (8 GiB): far above ESCO's every-language
    /// dump; it bounds the time a file can take, while memory stays bounded by the limits above.
    public static let maximumFileBytes = 8 << 30
    /// Bytes handed to libxml2 at a time.
    static let chunkSize = 1 << 18

    /// The document's base IRI, against which relative IRIs and `rdf:ID` names resolve until an
    /// `xml:base` says otherwise. Without one, relative references are kept as written.
    public var base: String?

    public init(base: String? = nil) {
        self.base = base
    }

    /// Parses the file at `path`, reading it in chunks through ``BoundedFileReader`` (a regular
    /// file within ``maximumFileBytes``, held to that limit if it grows while it is read).
    public func parse(file path: String, _ emit: (RDFTriple) throws -> Void) throws {
        func located(_ error: FormatError) -> RDFXMLError {
            RDFXMLError(file: path, message: error.message, kind: error.kind)
        }
        var file: BoundedFileReader
        do {
            file = try BoundedFileReader(path: path, limit: Self.maximumFileBytes, subject: "RDF/XML files",
                                         chunkBytes: Self.chunkSize)
        } catch {
            throw located(error)
        }
        try withoutActuallyEscaping(emit) { emit in
            let reader = RDFXMLReader(documentName: path, base: base, sink: emit)
            while true {
                let chunk: [UInt8]?
                do throws(FormatError) { chunk = try file.nextChunk() } catch { throw located(error) }
                guard let chunk else { break }
                try chunk.withUnsafeBytes { try reader.feed($0) }
            }
            try reader.finish()
        }
    }

    /// Parses a document held in memory; `documentName` names it in errors.
    public func parse(data: Data, documentName: String, _ emit: (RDFTriple) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            let reader = RDFXMLReader(documentName: documentName, base: base, sink: emit)
            try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < bytes.count {
                    let end = min(offset + Self.chunkSize, bytes.count)
                    try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                    offset = end
                }
            }
            try reader.finish()
        }
    }
}
