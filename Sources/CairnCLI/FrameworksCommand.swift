import ArgumentParser

/// `cairn frameworks …`: skills frameworks in the store.
struct FrameworksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "Import skills frameworks (ESCO, SFIA, SKOS, CASE) into the store, list them, or show an RDF/XML file's triples.",
        subcommands: [FrameworksImportCommand.self, FrameworksListCommand.self, FrameworksTriplesCommand.self])
}

/// `cairn skills …`: search and show the skills of imported frameworks.
struct SkillsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skills",
        abstract: "Search the skills of imported frameworks, or show one with its relations.",
        subcommands: [SkillsSearchCommand.self, SkillsShowCommand.self])
}
