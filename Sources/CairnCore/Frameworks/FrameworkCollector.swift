/// A ``FrameworkSink`` that gathers everything into a ``Framework`` value in memory — for small
/// frameworks, tests, and workspaces that keep a framework file beside their definitions.
public struct FrameworkCollector: FrameworkSink {
    public private(set) var framework = Framework(id: "unnamed", name: "unnamed")
    private var labels: [ConceptLabel] = []
    private var broaderLinks: [(String, String)] = []
    private var relations: [(String, String, SkillRelationKind)] = []

    public init() {}

    public mutating func begin(_ header: FrameworkHeader) throws {
        framework = Framework(id: header.id, name: header.name, version: header.version,
                              source: header.source.map { SourceLocation(file: $0) })
    }

    public mutating func skill(_ record: SkillRecord) throws {
        var skill = framework.skills[record.id] ?? Skill(id: record.id)
        skill.skillType = record.skillType ?? skill.skillType
        skill.reuseLevel = record.reuseLevel ?? skill.reuseLevel
        skill.description = record.description ?? skill.description
        skill.code = record.code ?? skill.code
        skill.category = record.category ?? skill.category
        if !record.levels.isEmpty { skill.levels = record.levels }
        framework.skills[record.id] = skill
    }

    public mutating func occupation(_ record: OccupationRecord) throws {
        var occupation = framework.occupations[record.id] ?? Occupation(id: record.id)
        occupation.iscoGroup = record.iscoGroup ?? occupation.iscoGroup
        occupation.description = record.description ?? occupation.description
        framework.occupations[record.id] = occupation
    }

    public mutating func label(_ label: ConceptLabel) throws {
        labels.append(label)
    }

    public mutating func broader(narrower: String, broader: String) throws {
        broaderLinks.append((narrower, broader))
    }

    public mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        relations.append((occupation, skill, kind))
    }

    /// Attaches labels, broader links and relations to the skills and occupations they name;
    /// those naming anything else are dropped.
    public mutating func finish() throws {
        for label in labels {
            if var skill = framework.skills[label.concept] {
                skill.add(label)
                framework.skills[label.concept] = skill
            } else if var occupation = framework.occupations[label.concept] {
                switch label.kind {
                case .preferred: occupation.preferredLabels[label.language] = occupation.preferredLabels[label.language] ?? label.text
                case .alternative, .hidden: occupation.altLabels[label.language, default: []].append(label.text)
                }
                framework.occupations[label.concept] = occupation
            }
        }
        for (narrower, broader) in broaderLinks where framework.skills[narrower] != nil {
            if framework.skills[narrower]?.broader.contains(broader) == false {
                framework.skills[narrower]?.broader.append(broader)
            }
        }
        for (occupation, skill, kind) in relations where framework.occupations[occupation] != nil {
            switch kind {
            case .essential: framework.occupations[occupation]?.essentialSkills.append(skill)
            case .optional: framework.occupations[occupation]?.optionalSkills.append(skill)
            }
        }
        labels = []
        broaderLinks = []
        relations = []
    }
}

extension Skill {
    /// Files a label under its language: the first preferred label wins, the rest are alternatives.
    mutating func add(_ label: ConceptLabel) {
        switch label.kind {
        case .preferred where preferredLabels[label.language] == nil:
            preferredLabels[label.language] = label.text
        case .preferred, .alternative, .hidden:
            altLabels[label.language, default: []].append(label.text)
        }
    }
}

extension Framework {
    /// Sends this framework to a sink, as a reader would: for moving an in-memory framework
    /// (from a CSV or CASE file) into the store.
    public func send<Sink: FrameworkSink>(to sink: inout Sink) throws {
        try sink.begin(FrameworkHeader(id: id, name: name, version: version, source: source?.file))
        for skill in skills.values.sorted(by: { $0.id < $1.id }) {
            try sink.skill(SkillRecord(id: skill.id, skillType: skill.skillType, reuseLevel: skill.reuseLevel,
                                       description: skill.description, code: skill.code, category: skill.category,
                                       levels: skill.levels))
            for (language, text) in skill.preferredLabels.sorted(by: { $0.key < $1.key }) {
                try sink.label(ConceptLabel(concept: skill.id, kind: .preferred, language: language, text: text))
            }
            for (language, texts) in skill.altLabels.sorted(by: { $0.key < $1.key }) {
                for text in texts {
                    try sink.label(ConceptLabel(concept: skill.id, kind: .alternative, language: language, text: text))
                }
            }
            for broader in skill.broader { try sink.broader(narrower: skill.id, broader: broader) }
        }
        for occupation in occupations.values.sorted(by: { $0.id < $1.id }) {
            try sink.occupation(OccupationRecord(id: occupation.id, iscoGroup: occupation.iscoGroup,
                                                 description: occupation.description))
            for (language, text) in occupation.preferredLabels.sorted(by: { $0.key < $1.key }) {
                try sink.label(ConceptLabel(concept: occupation.id, kind: .preferred, language: language, text: text))
            }
            for (language, texts) in occupation.altLabels.sorted(by: { $0.key < $1.key }) {
                for text in texts {
                    try sink.label(ConceptLabel(concept: occupation.id, kind: .alternative, language: language, text: text))
                }
            }
            for skill in occupation.essentialSkills { try sink.relation(occupation: occupation.id, skill: skill, kind: .essential) }
            for skill in occupation.optionalSkills { try sink.relation(occupation: occupation.id, skill: skill, kind: .optional) }
        }
        try sink.finish()
    }
}
