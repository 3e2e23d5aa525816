/// What auditing each bundled learner against each bundled pathway must give on 2026-11-29,
/// worked out by hand from the files in `Pathways/` (expiry dates, results, the no-double-counting
/// rule), not copied from Cairn's output. Pairs not listed have progress 0.
public struct BundledOutcome: Sendable, CustomStringConvertible {
    public var learner: String
    public var pathway: String
    public var complete: Bool
    /// The exact progress, as Cairn writes it in `progressExact`.
    public var progress: String
    /// Why, in a few words, for the reader of a failing test.
    public var why: String

    public var description: String { "\(learner) × \(pathway)" }

    public static let asOf = "2026-11-29"

    public static let all: [BundledOutcome] = [
        .init(learner: "amara", pathway: "data-analysis-foundations", complete: true, progress: "1",
              why: "spreadsheet-analysis expires 2026-11-30, so 2026-11-29 is its last counting day"),
        .init(learner: "amara", pathway: "research-methods", complete: true, progress: "1", why: "all held"),
        .init(learner: "amara", pathway: "applied-data-capstone", complete: true, progress: "1",
              why: "project issued after the foundations badge and the communication badge"),
        .init(learner: "amara", pathway: "sprint-planning-practitioner", complete: false, progress: "0.375",
              why: "no foundation or planning badge; communication shared into practices"),
        .init(learner: "bruno", pathway: "data-analysis-foundations", complete: false, progress: "5/12",
              why: "data-cleaning's explicit expiry is the as-of day; memo result too low and no SQL badge"),
        .init(learner: "bruno", pathway: "applied-data-capstone", complete: false, progress: "5/36",
              why: "foundations at 5/12 inline"),
        .init(learner: "chen", pathway: "data-analysis-foundations", complete: false, progress: "2/3",
              why: "sql-querying issued 2024-02-29 + P2Y lapsed 2026-02-28; memo needs a counting SQL badge before it"),
        .init(learner: "chen", pathway: "applied-data-capstone", complete: false, progress: "2/9",
              why: "foundations at 2/3 inline"),
        .init(learner: "dana", pathway: "sprint-planning-practitioner", complete: false, progress: "0.75",
              why: "sprint-planning revoked"),
        .init(learner: "dana", pathway: "applied-data-capstone", complete: false, progress: "1/3",
              why: "only communication"),
        .init(learner: "elif", pathway: "certificate-applied-data-practice", complete: true, progress: "1",
              why: "partner module 10 CATS = 5 ECTS"),
        .init(learner: "elif", pathway: "db-foundation", complete: true, progress: "1", why: "all held"),
        .init(learner: "elif", pathway: "db-intermediate", complete: true, progress: "1",
              why: "foundation met inline"),
        .init(learner: "elif", pathway: "db-advanced", complete: false, progress: "1/3",
              why: "intermediate inline; administration and security missing"),
        .init(learner: "elif", pathway: "data-stewardship-programme", complete: false, progress: "0.5",
              why: "core met (the foundation milestone) and one advanced module: the certificate lacks its project "
                  + "(1/2), the diploma one module and its dissertation ((1 + 1/2 + 0)/3)"),
        .init(learner: "felix", pathway: "data-analysis-foundations", complete: true, progress: "1",
              why: "the greedy trap: predictive-modelling must go to the data-mining skill leaf"),
        .init(learner: "felix", pathway: "applied-data-capstone", complete: false, progress: "1/3",
              why: "communication and project missing"),
        .init(learner: "gita", pathway: "inclusive-assessment-design", complete: true, progress: "1",
              why: "the greedy trap in skill leaves"),
        .init(learner: "hana", pathway: "inclusive-assessment-design", complete: false, progress: "0.75",
              why: "catalogue year 2025: version 2025.1, where accessible assessment takes any result; UDL issued "
                  + "2023-11-29 + P3Y expires on the as-of day; her UDL retake is in progress (pending, never counted now)"),
        .init(learner: "ivan", pathway: "sprint-planning-practitioner", complete: true, progress: "1",
              why: "stakeholder-communication counts in the shared node and as a practice"),
        .init(learner: "ivan", pathway: "applied-data-capstone", complete: false, progress: "1/3",
              why: "only communication"),
        .init(learner: "jonas", pathway: "applied-data-capstone", complete: false, progress: "2/3",
              why: "project issued before the foundations badge; communication exactly five years old counts"),
        .init(learner: "jonas", pathway: "sprint-planning-practitioner", complete: false, progress: "0.375",
              why: "as amara"),
        .init(learner: "kai", pathway: "applied-data-capstone", complete: false, progress: "1/3",
              why: "communication one day too old; project result too low"),
        .init(learner: "kai", pathway: "sprint-planning-practitioner", complete: false, progress: "0.375",
              why: "as amara"),
    ] + twins + europass

    /// `lena` holds one Europass (ELM 3) micro-credential, JAdES-sealed by the CPD centre, whose
    /// specification id is in mc-data-governance's achievementIds.
    static let europass: [BundledOutcome] = [
        .init(learner: "lena", pathway: "certificate-applied-data-practice", complete: false, progress: "1/3",
              why: "module 1 from the sealed ELM credential (pass); nothing for modules 2 and 3"),
    ]

    /// `amara-credentials` holds amara's badges as Open Badges files: the same outcomes, but for
    /// the one credential that cannot be proven offline (an OB 2.0 hosted assertion).
    static let twins: [BundledOutcome] = [
        .init(learner: "amara-credentials", pathway: "data-analysis-foundations", complete: true, progress: "1",
              why: "as amara (spreadsheet-analysis is a signed OB 3.0 credential issued 2023-11-30)"),
        .init(learner: "amara-credentials", pathway: "research-methods", complete: true, progress: "1", why: "as amara"),
        .init(learner: "amara-credentials", pathway: "applied-data-capstone", complete: false, progress: "2/3",
              why: "the Data Analysis: Foundations badge is a hosted OB 2.0 assertion: not provable offline, so it does not count"),
        .init(learner: "amara-credentials", pathway: "sprint-planning-practitioner", complete: false, progress: "0.375",
              why: "as amara (stakeholder-communication is a VC-JWT baked into an SVG)"),
    ]
}
