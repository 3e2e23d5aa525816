import Cairn
import CairnFrameworks
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("Robustness on damaged input")
struct RobustnessTests {
    /// Every prefix of a good file, and the file with single bytes replaced, either reads
    /// or throws ``FormatErrors`` with located problems; nothing traps.
    @Test("truncated and mutated files give located errors", arguments: [
        "catalogue.yaml", "pathway.yaml", "pathway.json", "learner.yaml",
    ])
    func damagedFiles(fixture: String) throws {
        let text = try FixtureFile.text(fixture)
        let characters = Array(text)
        var variants: [String] = []
        for length in stride(from: 0, to: characters.count, by: 3) {
            variants.append(String(characters[..<length]))
        }
        let replacements: [Character] = ["[", "{", ":", "\"", "&", "*", "-", "\n", "\t", "#"]
        for (step, index) in stride(from: 0, to: characters.count, by: 7).enumerated() {
            var copy = characters
            copy[index] = replacements[step % replacements.count]
            variants.append(String(copy))
        }
        for variant in variants {
            for read in [
                { _ = try BadgeCatalog(definition: variant, file: "f") },
                { _ = try Pathway(definition: variant, file: "f") },
                { _ = try LearnerRecord(definition: variant, file: "f") },
                { _ = try DefinitionDocument.kind(of: variant, file: "f") },
            ] as [() throws -> Void] {
                do {
                    try read()
                } catch let error as FormatErrors {
                    #expect(!error.errors.isEmpty)
                    #expect(error.errors.allSatisfy { $0.location.file == "f" && $0.location.line != nil })
                }
            }
        }
    }

    @Test("CSV reader never traps on damaged input")
    func damagedCSV() {
        let text = "a,\"b\"\"c\",d\r\n\"x\ny\",é,\"\"\n"
        let characters = Array(text)
        for length in 0...characters.count {
            let prefix = String(characters[..<length])
            do {
                _ = try CSVReader.records(in: prefix, file: "c.csv")
                _ = try ESCOSkillsCSV.framework(csv: "conceptUri,preferredLabel\n" + prefix, file: "c.csv")
            } catch {
                #expect(error.errors.allSatisfy { $0.location.line != nil })
            }
        }
    }
}
