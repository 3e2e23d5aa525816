import CairnCore
import CairnDefinitions
import CairnSyntax
import Testing

@Suite("Reading validity rules")
struct ValidityDefinitionTests {
    static func catalogue(_ validity: String) -> String {
        """
        issuer: { id: "https://example.edu", name: Example University }
        badges:
          - id: a
            name: A
            validity: \(validity)
        """
    }

    @Test("a renewal window as long as the validity or shorter is accepted", arguments: ["P1Y", "P12M", "P364D", "P1M"])
    func windows(window: String) throws {
        let catalogue = try BadgeCatalog(definition: Self.catalogue("{ duration: P1Y, renewalWindow: \(window) }"), file: "b.yaml")
        #expect(catalogue.badges.first?.validity?.renewalWindow == ISODuration(iso8601: window))
    }

    @Test("every key of a validity rule is read")
    func full() throws {
        let catalogue = try BadgeCatalog(definition: Self.catalogue(
            #"{ duration: P2Y, anchor: endOfMonth, renewalWindow: P60D, grace: P30D, renewal: { badge: [r1, r2], evidence: "a logged project" } }"#),
            file: "b.yaml")
        let rule = try #require(catalogue.badges.first?.validity)
        #expect(rule.duration == ISODuration(years: 2))
        #expect(rule.anchor == .endOfMonth)
        #expect(rule.renewalWindow == ISODuration(days: 60))
        #expect(rule.grace == ISODuration(days: 30))
        #expect(rule.renewal == RenewalRule(refreshers: ["r1", "r2"], evidence: "a logged project"))
        #expect(!rule.followsComponents)
    }

    @Test("an unknown anchor or renewal key is an error at its place", arguments: [
        ("{ duration: P1Y, anchor: whenever }", "b.yaml:5:40", "expected issued, lastRenewal, endOfMonth or endOfYear"),
        ("{ duration: P1Y, renewal: { badges: x } }", "b.yaml:5:43", "unknown key \"badges\""),
        ("{ duration: P0D }", "b.yaml:5:27", "a validity of P0D would end the day it starts"),
        ("{ duration: P0Y0M }", "b.yaml:5:27", "a validity of P0D would end the day it starts"),
        ("{ duration: P1Y, renewalWindow: P13M }", "b.yaml:5:47", "the renewal window P13M is longer than the validity P1Y"),
        ("{ duration: P3W, renewalWindow: P1M }", "b.yaml:5:47", "the renewal window P1M is longer than the validity P3W"),
    ])
    func problems(validity: String, place: String, message: String) {
        do {
            _ = try BadgeCatalog(definition: Self.catalogue(validity), file: "b.yaml")
            Issue.record("expected an error")
        } catch {
            let first = error.errors.first?.description ?? ""
            #expect(first.hasPrefix(place), "\(error)")
            #expect(first.contains(message), "\(error)")
        }
    }
}
