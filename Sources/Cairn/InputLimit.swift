import CairnCore
import CairnCredentials
import CairnDefinitions
import CairnFrameworks
import CairnRDF
import CairnReports
import CairnStore
import CairnSyntax

/// One bound on what Cairn reads: anything past it is refused with an error that names the
/// limit and the file (and, where there is one, the line and column).
///
/// Every reader a stranger's file can reach is bounded, so no input can exhaust memory or take
/// unbounded time. ``all`` lists every limit; the README's limit table is that list, and a test
/// keeps the two the same. The values live with the readers that enforce them; this type only
/// gathers them.
public struct InputLimit: Sendable, Hashable, Identifiable {
    /// How a limit is counted.
    public enum Measure: Sendable, Hashable {
        /// Bytes (of a file, a literal, inflated text), shown as `64 MiB`.
        case bytes
        /// A number of things (levels, nodes, chunks, steps, entries), shown as `100,000`.
        case count
    }

    /// A stable name for the limit, such as `definition-file-bytes`.
    public var id: String
    /// Which input it applies to, as the README's table names it: `Definition files (YAML, JSON)`.
    public var reader: String
    /// What is bounded: `file size`, `nesting (levels)`.
    public var bound: String
    /// The largest accepted value.
    public var value: Int
    public var measure: Measure

    public init(id: String, reader: String, bound: String, value: Int, measure: Measure) {
        self.id = id
        self.reader = reader
        self.bound = bound
        self.value = value
        self.measure = measure
    }

    /// The value as the README and the refusals print it: `64 MiB`, `100,000`.
    public var shownValue: String {
        switch measure {
        case .bytes: BoundedFile.describe(bytes: value)
        case .count: value.groupedDigits
        }
    }
}

extension InputLimit {
    static let definitions = "Definition files (YAML, JSON)"
    static let frameworks = "Skills frameworks"
    static let credentials = "Open Badges files"
    static let keys = "Keys"
    static let exports = "Student information system exports"
    static let interchange = "Pathways from other systems (CTDL, Badgr)"

    /// Every limit, grouped by reader, in the order of the README's table.
    public static let all: [InputLimit] = [
        InputLimit(id: "definition-file-bytes", reader: definitions, bound: "file size",
                   value: DefinitionDocument.maximumFileBytes, measure: .bytes),
        InputLimit(id: "yaml-aliases", reader: definitions, bound: "aliases (`*name`) per file",
                   value: YAMLLimits.maximumAliases, measure: .count),
        InputLimit(id: "yaml-aliased-nodes", reader: definitions, bound: "nodes added by expanding aliases",
                   value: YAMLLimits.maximumAliasedNodes, measure: .count),
        InputLimit(id: "yaml-depth", reader: definitions, bound: "nesting of lists and mappings (levels)",
                   value: YAMLLimits.maximumDepth, measure: .count),
        InputLimit(id: "learner-earnings", reader: definitions, bound: "entries in one learner record's `badges`",
                   value: LearnerRecord.maximumEarnings, measure: .count),
        InputLimit(id: "sis-export-bytes", reader: exports, bound: "file size of an export (read as a stream, one row at a time)",
                   value: SISExportReader.maximumFileBytes, measure: .bytes),
        InputLimit(id: "workspace-framework-bytes", reader: frameworks,
                   bound: "file size of a CSV or RDF/XML file kept in a workspace",
                   value: DefinitionDocument.maximumWorkspaceFrameworkBytes, measure: .bytes),
        InputLimit(id: "csv-bytes", reader: frameworks, bound: "file size of an ESCO or SFIA CSV file",
                   value: FrameworkReader.maximumCSVFileBytes, measure: .bytes),
        InputLimit(id: "case-bytes", reader: frameworks, bound: "file size of a CASE package",
                   value: CASEPackage.maximumFileBytes, measure: .bytes),
        InputLimit(id: "xlsx-bytes", reader: frameworks, bound: "file size of an SFIA spreadsheet (.xlsx)",
                   value: SFIAWorkbook.maximumFileBytes, measure: .bytes),
        InputLimit(id: "xlsx-entries", reader: frameworks, bound: "entries in a spreadsheet's zip archive",
                   value: SFIAWorkbook.maximumEntries, measure: .count),
        InputLimit(id: "xlsx-part-bytes", reader: frameworks,
                   bound: "one part of a spreadsheet after inflating (checked while inflating)",
                   value: SFIAWorkbook.maximumPartBytes, measure: .bytes),
        InputLimit(id: "xlsx-inflated-bytes", reader: frameworks, bound: "all the parts read from one spreadsheet after inflating",
                   value: SFIAWorkbook.maximumInflatedBytes, measure: .bytes),
        InputLimit(id: "rdf-bytes", reader: frameworks, bound: "file size of an RDF/XML file (streamed)",
                   value: RDFXMLParser.maximumFileBytes, measure: .bytes),
        InputLimit(id: "rdf-depth", reader: frameworks, bound: "RDF/XML element nesting (levels)",
                   value: RDFXMLParser.maximumDepth, measure: .count),
        InputLimit(id: "rdf-literal-bytes", reader: frameworks, bound: "one RDF/XML literal, markup of an XML literal included",
                   value: RDFXMLParser.maximumLiteralBytes, measure: .bytes),
        InputLimit(id: "nquads-bytes", reader: frameworks, bound: "file size of an N-Quads file (`rdf canonicalize`)",
                   value: NQuadsReader.maximumFileBytes, measure: .bytes),
        InputLimit(id: "open-badges-file-bytes", reader: credentials, bound: "file size (JSON, JWT, PNG, SVG)",
                   value: OpenBadgesFile.maximumFileSize, measure: .bytes),
        InputLimit(id: "jwt-bytes", reader: credentials, bound: "length of a JWT",
                   value: CompactJWS.maximumLength, measure: .bytes),
        InputLimit(id: "json-depth", reader: credentials, bound: "JSON nesting (levels)",
                   value: JSONParser.maximumDepth, measure: .count),
        InputLimit(id: "baked-text-bytes", reader: credentials,
                   bound: "baked text after inflating, and all bytes inflated from one image",
                   value: BakedBadge.maximumTextBytes, measure: .bytes),
        InputLimit(id: "png-chunks", reader: credentials, bound: "chunks in a PNG",
                   value: BakedBadge.maximumPNGChunks, measure: .count),
        InputLimit(id: "json-ld-context-depth", reader: credentials, bound: "JSON-LD contexts importing contexts (levels)",
                   value: JSONLDProcessor.maximumContextDepth, measure: .count),
        InputLimit(id: "json-ld-depth", reader: credentials, bound: "JSON-LD expansion nesting (levels)",
                   value: JSONLDProcessor.maximumDepth, measure: .count),
        InputLimit(id: "canonicalization-steps", reader: credentials,
                   bound: "steps of blank-node hashing to canonicalize a proof's document",
                   value: RDFCanonicalizer.defaultWorkLimit, measure: .count),
        InputLimit(id: "local-document-bytes", reader: credentials,
                   bound: "one local document (`--resolve`, `--status-lists`, beside the credential)",
                   value: LocalDocuments.maximumFileSize, measure: .bytes),
        InputLimit(id: "status-list-bytes", reader: credentials, bound: "a status list's bitstring after inflating",
                   value: CredentialRevocation.maximumStatusListBytes, measure: .bytes),
        InputLimit(id: "context-file-bytes", reader: credentials, bound: "one JSON-LD context file (`--contexts`)",
                   value: JSONLDContextLibrary.maximumFileBytes, measure: .bytes),
        InputLimit(id: "europass-achievements", reader: credentials,
                   bound: "learning achievements in one Europass (ELM 3) credential, parts included",
                   value: EuropeanDigitalCredential.maximumAchievements, measure: .count),
        InputLimit(id: "europass-part-depth", reader: credentials, bound: "`hasPart` nesting under a Europass claim (levels)",
                   value: EuropeanDigitalCredential.maximumPartDepth, measure: .count),
        InputLimit(id: "key-file-bytes", reader: keys, bound: "one public key file (`--keys`, catalogue keys)",
                   value: KeyFile.maximumBytes, measure: .bytes),
        InputLimit(id: "log-key-bytes", reader: keys, bound: "the decision log key (`--log-key`)",
                   value: DecisionLogKey.maximumBytes, measure: .bytes),
        InputLimit(id: "ctdl-bytes", reader: interchange, bound: "file size of a CTDL document",
                   value: CTDLPathwayReader.maximumFileBytes, measure: .bytes),
        InputLimit(id: "ctdl-depth", reader: interchange, bound: "CTDL components and conditions nested in one another (levels)",
                   value: CTDLPathwayReader.maximumDepth, measure: .count),
        InputLimit(id: "ctdl-nodes", reader: interchange,
                   bound: "requirements one CTDL document becomes (a component is repeated under every condition naming it)",
                   value: CTDLPathwayReader.maximumNodes, measure: .count),
        InputLimit(id: "badgr-bytes", reader: interchange, bound: "file size of a Badgr pathway export",
                   value: BadgrPathwayReader.maximumFileBytes, measure: .bytes),
        InputLimit(id: "badgr-depth", reader: interchange, bound: "Badgr elements nested in one another (levels)",
                   value: BadgrPathwayReader.maximumDepth, measure: .count),
        InputLimit(id: "interchange-json-depth", reader: interchange, bound: "JSON nesting (levels)",
                   value: JSONParser.maximumDepth, measure: .count),
    ]
}
