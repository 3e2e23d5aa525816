import CairnCore

/// The Credential Transparency Description Language terms Cairn reads and writes for pathways,
/// as the Credential Registry publishes them (JSON-LD with the `ceterms:`/`ceasn:` prefixes of
/// its context), and the Cairn extension terms that carry what CTDL cannot say.
public enum CTDLTerms {
    /// The Credential Registry's JSON-LD context; never fetched, only named.
    public static let context = "https://credreg.net/ctdl/schema/context/json"
    /// The namespace of Cairn's extension terms (`cairn:requirement`, `cairn:pathway`,
    /// `cairn:creditUnit`): a URN, so nothing ever tries to fetch it.
    public static let cairnNamespace = "urn:cairn:terms:"

    /// The kinds of `ceterms:PathwayComponent` (the `@type` a component has).
    public static let componentKinds = [
        "ceterms:AssessmentComponent", "ceterms:BasicComponent", "ceterms:CocurricularComponent",
        "ceterms:CompetencyComponent", "ceterms:CourseComponent", "ceterms:CredentialComponent",
        "ceterms:ExtracurricularComponent", "ceterms:JobComponent", "ceterms:MultiComponent",
        "ceterms:SelectionComponent", "ceterms:WorkExperienceComponent",
    ]

    /// Cairn's credit units and the CTDL `creditUnit:` concepts that mean the same.
    static let unitConcepts: [(unit: CreditUnit, concept: String)] = [
        (.semesterHours, "creditUnit:SemesterHour"),
        (.quarterHours, "creditUnit:QuarterHour"),
        (.ceu, "creditUnit:ContinuingEducationUnit"),
    ]

    /// The CTDL concept for a Cairn unit, when CTDL has one.
    static func concept(for unit: CreditUnit) -> String? {
        unitConcepts.first { $0.unit == unit }?.concept
    }

    /// The Cairn unit for a CTDL credit unit: a known concept (with or without its
    /// `creditUnit:` prefix or full IRI), else the concept's own name.
    static func unit(forConcept concept: String) -> CreditUnit {
        let name = localName(concept)
        if let known = unitConcepts.first(where: { localName($0.concept).lowercased() == name.lowercased() }) {
            return known.unit
        }
        return CreditUnit(name)
    }

    /// `creditUnit:SemesterHour`, `https://purl.org/ctdl/vocabs/creditUnit/SemesterHour` → `SemesterHour`.
    static func localName(_ term: String) -> String {
        let afterSlash = term.split(separator: "/").last.map(String.init) ?? term
        let afterHash = afterSlash.split(separator: "#").last.map(String.init) ?? afterSlash
        return afterHash.split(separator: ":").last.map(String.init) ?? afterHash
    }
}
