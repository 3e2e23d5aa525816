public import CairnCore
import CairnRDF
import CairnSyntax
import Foundation

/// The kinds of framework file Cairn reads.
public enum FrameworkFormat: String, CaseIterable, Sendable {
    /// ESCO as RDF/XML (``ESCOMapper``).
    case escoRDF = "esco-rdf"
    /// A folder of ESCO CSV files, or one of them (``ESCOCSVPackage``).
    case escoCSV = "esco-csv"
    /// SFIA as RDF/XML (``SFIAMapper``).
    case sfiaRDF = "sfia-rdf"
    /// A CSV export of the SFIA skills spreadsheet (``SFIACSV``).
    case sfiaCSV = "sfia-csv"
    /// The official SFIA spreadsheet itself, its Skills sheet (``SFIAWorkbook``).
    case sfiaXLSX = "sfia-xlsx"
    /// Any other SKOS vocabulary as RDF/XML (``SKOSMapper``).
    case skosRDF = "skos-rdf"
    /// A 1EdTech CASE 1.0 JSON package (``CASEPackage``).
    case caseJSON = "case"

    /// How many bytes ``detect(path:)`` reads from the start of a file.
    public static let sniffLength = 64 * 1024

    /// Tells the format of `path`: a folder is `esco-csv`; a `.csv` file is `esco-csv` when its
    /// header has `conceptUri` or `occupationUri`, `sfia-csv` when it has `Code` and `Skill`;
    /// `.xlsx` is `sfia-xlsx`, and so is a file of another extension that starts as a zip
    /// archive does; `.json` is `case`; `.rdf`, `.xml` and `.owl` are `esco-rdf` when their
    /// first 64 KB mention the ESCO model namespace, `sfia-rdf` when they mention an SFIA
    /// ontology namespace, else `skos-rdf`.
    ///
    /// - Throws: ``FormatErrors`` when the path does not exist, the extension is none of
    ///   these, or a CSV header is neither ESCO's nor SFIA's.
    public static func detect(path: String) throws -> FrameworkFormat {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FormatErrors(FormatError(location: SourceLocation(file: path), message: "no such file or folder"))
        }
        if isFolder.boolValue { return .escoCSV }
        let location = SourceLocation(file: path)
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv":
            let start = String(decoding: try prefix(of: path, limit: CSVTable.maximumFileBytes,
                                                    subject: "CSV framework files"), as: UTF8.self)
            let firstLine = start.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let header = (try? CSVReader.records(in: firstLine, file: path).first?.fields) ?? []
            let names = Set(header.map { $0.trimmed })
            if names.contains("conceptUri") || names.contains("occupationUri") { return .escoCSV }
            if SFIACSV.accepts(header: header) { return .sfiaCSV }
            throw FormatErrors(FormatError(location: SourceLocation(file: path, line: 1, column: 1), message:
                "cannot tell the framework of this CSV file: expected an ESCO header (conceptUri, …) or an SFIA "
                    + "header (Code, Skill, …), found: " + header.joined(separator: ", ").excerpt(200)))
        case "xlsx":
            return .sfiaXLSX
        case "json":
            return .caseJSON
        case "rdf", "xml", "owl":
            let start = String(decoding: try prefix(of: path, limit: RDFXMLParser.maximumFileBytes,
                                                    subject: "RDF/XML files"), as: UTF8.self)
            if start.contains(FrameworkVocabulary.esco) { return .escoRDF }
            if FrameworkVocabulary.sfiaHosts.contains(where: { start.contains($0) }), start.contains("/ontology/") {
                return .sfiaRDF
            }
            return .skosRDF
        case let other:
            // A spreadsheet saved under another name is still a zip archive.
            if let start = try? prefix(of: path, limit: .max, subject: "framework files"),
               BoundedZipArchive.hasSignature(start) {
                return .sfiaXLSX
            }
            throw FormatErrors(FormatError(location: location, message: "cannot tell the framework format from the "
                + "extension \(quoted(other.isEmpty ? "(none)" : "." + other)): expected a folder of ESCO CSV files, "
                + ".csv, .xlsx, .json, .rdf, .xml or .owl"))
        }
    }

    /// The first bytes of `path`, once it is known to be a regular file within `limit`.
    private static func prefix(of path: String, limit: Int, subject: String) throws -> Data {
        // Only a regular file is sniffed (the reader checks): reading a FIFO would wait forever.
        do {
            var file = try BoundedFileReader(path: path, limit: limit, subject: subject, chunkBytes: sniffLength)
            return Data(try file.nextChunk() ?? [])
        } catch {
            throw FormatErrors(error)
        }
    }
}

/// Reads a framework file or folder of any ``FrameworkFormat`` into a sink.
public enum FrameworkReader {
    /// The largest ESCO or SFIA CSV file read (each is read a record at a time, so the limit
    /// bounds the work, not the memory): ESCO's largest English file is under 20 MiB.
    public static let maximumCSVFileBytes = 256 << 20

    /// Reads `path` as `format`, sending the framework to `sink` (begun and finished).
    ///
    /// The RDF formats stream the file through ``RDFXMLParser`` into ``ESCOMapper``,
    /// ``SFIAMapper`` or ``SKOSMapper``, never holding the whole graph. Framework ids are
    /// `esco` and `sfia`; for SKOS and CASE, the concept scheme's or document's IRI, else the
    /// file name. Versions come from the data where it says (a concept scheme's
    /// `owl:versionInfo`, an SFIA namespace `…/9/…`, a CASE document's `version`), else from
    /// the file or folder name (`esco-v1.2.0-en` → `1.2.0`, `sfia-8.csv` → `8`).
    ///
    /// - Parameter languages: The language tags of labels and descriptions to keep; nil keeps
    ///   all. A tag also lets its subtags through (`en` keeps `en-us`); text without a tag is kept.
    ///   For ESCO CSV, it picks which language's files to read.
    /// - Returns: What was sent and what was left out.
    /// - Throws: ``FormatErrors`` for unreadable or malformed input, ``RDFXMLError`` from the
    ///   RDF/XML parser, and whatever the sink throws.
    @discardableResult
    public static func read<Sink: FrameworkSink>(path: String, format: FrameworkFormat, languages: Set<String>?,
                                                 into sink: inout Sink) throws -> FrameworkReadReport {
        let url = URL(fileURLWithPath: path)
        let fileName = url.lastPathComponent
        switch format {
        case .escoCSV:
            return try ESCOCSVPackage.read(path: path, languages: languages, into: &sink)
        case .sfiaCSV:
            return try SFIACSV.read(path: path, into: &sink)
        case .sfiaXLSX:
            return try SFIAWorkbook.read(path: path, into: &sink)
        case .caseJSON:
            return try CASEPackage.read(path: path, languages: languages, into: &sink)
        case .escoRDF:
            var mapper = ESCOMapper(sink: sink, header: FrameworkHeader(
                id: "esco", name: "ESCO", version: versionNumber(in: fileName), source: path), languages: languages)
            try RDFXMLParser(base: url.absoluteString).parse(file: path) { try mapper.consume($0) }
            try mapper.finish()
            sink = mapper.sink
            return withFile(mapper.report, path)
        case .sfiaRDF:
            var mapper = SFIAMapper(sink: sink, header: FrameworkHeader(
                id: "sfia", name: "SFIA", version: SFIACSV.sfiaVersion(in: fileName), source: path), languages: languages)
            try RDFXMLParser(base: url.absoluteString).parse(file: path) { try mapper.consume($0) }
            try mapper.finish()
            sink = mapper.sink
            return withFile(mapper.report, path)
        case .skosRDF:
            let name = url.deletingPathExtension().lastPathComponent
            var mapper = SKOSMapper(sink: sink, header: FrameworkHeader(
                id: name, name: name, version: versionNumber(in: fileName), source: path), languages: languages)
            try RDFXMLParser(base: url.absoluteString).parse(file: path) { try mapper.consume($0) }
            try mapper.finish()
            sink = mapper.sink
            return withFile(mapper.report, path)
        }
    }

    private static func withFile(_ report: FrameworkReadReport, _ path: String) -> FrameworkReadReport {
        var report = report
        report.files.insert(path, at: 0)
        return report
    }
}
