import CairnCredentials
import CairnFrameworks
import CairnRDF
import CairnReports
import CairnSyntax
public import Foundation

/// The small, working workspace `cairn init` writes: one badge catalogue, one pathway, one
/// learner, one credit policy, one role and the skills framework the role and badges name —
/// each file commented, so a newcomer can change it into their own. `cairn validate` passes it
/// and `cairn demo` audits it.
public enum WorkspaceTemplate {
    /// The files, by path inside the workspace.
    public static let files: [(path: String, text: String)] = [
        ("Pathways/badges.yaml", badges),
        ("Pathways/data-basics.yaml", pathway),
        ("Pathways/learners/sam.yaml", learner),
        ("Pathways/policies/credit-policy.yaml", policy),
        ("Frameworks/roles/junior-analyst.yaml", role),
        ("Frameworks/sfia/skills.csv", skills),
    ]

    /// Why `folder` cannot take the template, or nil when it can: it must not already hold a
    /// `Pathways/` or `Frameworks/` folder, so that nothing of a user's is overwritten.
    public static func obstacle(in folder: URL) -> String? {
        for name in ["Pathways", "Frameworks"] where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            return "\(DisplayPath.of(folder.appendingPathComponent(name))) already exists; init writes only into a folder without Pathways/ and Frameworks/"
        }
        return nil
    }

    /// Writes the files into `folder` (created when missing) and returns their paths as written.
    public static func write(to folder: URL) throws -> [String] {
        var written: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            written.append(DisplayPath.of(url))
        }
        return written
    }

    static let badges = """
        # A badge catalogue: who issues the badges, the results they can carry, and each badge class.
        # Pathways and learner records name badges by their `id`.
        issuer: { id: "https://example.org", name: Example College }
        results: [pass, merit, distinction]     # a result scale, lowest first
        badges:
          - id: python-basics
            name: Python Basics
            tags: [core]
            credits: { value: 2, unit: ECTS }   # credit a policy may grant (see policies/)
            effort: { hours: 20 }               # for `cairn plan --minimize hours`
            alignments: [{ framework: sfia, code: PROG, level: 2 }]
          - id: data-wrangling
            name: Data Wrangling
            tags: [core]
            credits: { value: 2, unit: ECTS }
            effort: { hours: 25 }
            alignments: [{ framework: sfia, code: DTAN, level: 2 }]
            validity: { duration: P3Y }         # lapses three years after it is issued
          - id: charts
            name: Charts and Dashboards
            tags: [elective]
            credits: { value: 1, unit: ECTS }
            effort: { hours: 15 }
            alignments: [{ framework: sfia, code: VISL, level: 3 }]
          - id: reporting
            name: Reporting with Data
            tags: [elective]
            credits: { value: 1, unit: ECTS }
            effort: { hours: 10 }

        """

    static let pathway = """
        # A pathway: what a learner must hold to complete it. `cairn audit` explains each part.
        id: data-basics
        title: Data Basics
        requires:
          all:
            - badge: python-basics
            - badge: data-wrangling
              minResult: merit                  # on the catalogue's result scale
            - count: 1                          # any one of these
              of:
                - badge: charts
                - badge: reporting

        """

    static let learner = """
        # A learner record: the badges one person holds. Dates are YYYY-MM-DD.
        learner: sam
        badges:
          - { badge: python-basics, issued: 2026-02-10, result: pass }
          - { badge: data-wrangling, issued: 2026-05-20, result: merit }
          # Earn `charts` or `reporting` to complete data-basics: try
          #   cairn plan --pathway data-basics --learner sam

        """

    static let policy = """
        # A credit policy: how much credit a registrar grants for badges, and its limits.
        # `cairn credits --policy example-credit --learner sam` shows each decision and why.
        policy: example-credit
        version: "1"
        title: Credit for Example College badges
        unit: ECTS
        rules:
          - id: college-badges
            match: { issuer: "https://example.org" }
            credits: declared                   # the credits the catalogue declares
            minResult: pass
        caps:
          - { total: 5 }                        # at most 5 ECTS in all
        stacks:
          - { pathway: data-basics, credits: 4, mode: replace }   # a completed pathway: 4 ECTS instead of its badges

        """

    static let role = """
        # A role profile: the skills a job asks for, for `cairn roles`. Codes are from Frameworks/sfia.
        role: junior-analyst
        title: Junior Data Analyst
        skills:
          - { framework: sfia, code: DTAN, level: 2 }
          - { framework: sfia, code: PROG, level: 2 }
          - { framework: sfia, code: VISL, level: 3, essential: false }

        """

    static let skills = """
        Code,Skill,Category,Subcategory,Overall description,Guidance notes,Level 1 description,Level 2 description,Level 3 description,Level 4 description,Level 5 description,Level 6 description,Level 7 description
        PROG,Programming/software development,Development and implementation,Systems development,Designing and writing program code.,,,Works at level 2.,Works at level 3.,Works at level 4.,,,
        DTAN,Data modelling and design,Development and implementation,Data and analytics,Describing the data an organisation uses.,,,Works at level 2.,Works at level 3.,Works at level 4.,,,
        VISL,Data visualisation,Development and implementation,Data and analytics,Presenting data in charts and dashboards.,,,,Works at level 3.,Works at level 4.,,,

        """
}
