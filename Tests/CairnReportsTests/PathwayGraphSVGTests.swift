import CairnCore
import CairnReports
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG drawn from ``PathwayGraphTests/sampleAudit()``, read back with an XML parser: n0 all
/// (partly), n1 sql (met), n2 sheets (not met), n3 count 2 of (partly), n4 viz-py (met),
/// n5 viz-tab (not met).
@Suite("Pathway graph: SVG of a requirement tree")
struct PathwayGraphSVGTests {
    /// Status class and marker of n0…n5, worked out from the sample's comment above.
    static let expected: [(status: String, marker: String)] = [
        ("partly", "◐"), ("met", "✓"), ("unmet", "✗"), ("partly", "◐"), ("met", "✓"), ("unmet", "✗"),
    ]
    /// The parent of each requirement below the root.
    static let parents = ["n1": "n0", "n2": "n0", "n3": "n0", "n4": "n3", "n5": "n3"]

    static func parsed(_ graph: PathwayGraph) throws -> ParsedElement {
        try ParsedElement.parse(graph.svg)
    }

    @Test("The XML reader used here rejects what is not well-formed")
    func readerRejectsBadXML() {
        #expect(throws: ParsedElement.Malformed.self) { try ParsedElement.parse("<a><b></a>") }
        #expect(throws: ParsedElement.Malformed.self) { try ParsedElement.parse("<a>&</a>") }
    }

    @Test("A well-formed SVG 1.1 document: role img, labelled by its own title and desc, sized with a matching viewBox")
    func document() throws {
        let svg = try Self.parsed(Self.graph())
        #expect(svg.name == "svg")
        #expect(svg.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.attributes["version"] == "1.1")
        #expect(svg.attributes["role"] == "img")
        let width = try #require(svg.int("width")), height = try #require(svg.int("height"))
        #expect(svg.attributes["viewBox"] == "0 0 \(width) \(height)")
        let labels = try #require(svg.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        #expect(labels.count == 2)
        let byID = Dictionary(svg.descendants.compactMap { element in element.attributes["id"].map { ($0, element) } },
                              uniquingKeysWith: { first, _ in first })
        #expect(labels.map { byID[$0]?.name } == ["title", "desc"])
        #expect(svg.children.prefix(2).map(\.name) == ["title", "desc"])
        #expect(svg.children.first?.text == "P (p) for kim, as of 2026-11-29: progress 50%")
        let desc = try #require(svg.children.dropFirst().first?.text)
        #expect(desc.hasPrefix("Requirement tree of P (p) for kim, as of 2026-11-29: progress 50%."))
        #expect(desc.contains("2 of 6 requirements met, 2 partly met, 2 not met."))
        // The title is drawn as well as announced.
        #expect(svg.children.contains { $0.name == "text" && $0.text == "P (p) for kim, as of 2026-11-29: progress 50%" })
    }

    @Test("Only SVG elements; nothing outside the document is referenced")
    func selfContained() throws {
        let graph = try Self.graph(planned: [5: ["viz-tab"]])
        let svg = try Self.parsed(graph)
        let names = Set(svg.descendants.map(\.name))
        #expect(names.isSubset(of: ["svg", "title", "desc", "g", "rect", "path", "text", "tspan"]), "\(names)")
        for reference in ["href", "url(", "@import", "<style", "<image", "<script", "<foreignObject"] {
            #expect(!graph.svg.contains(reference), "\(reference)")
        }
    }

    @Test("One box per requirement in preorder, with its status as class, marker, colour and words")
    func boxes() throws {
        let svg = try Self.parsed(Self.graph())
        let boxes = svg.requirements
        #expect(boxes.map { $0.attributes["id"] } == (0...5).map { "cairn-p-n\($0)" })
        let fills = ["met": "#c8e6c9", "partly": "#ffe0b2", "unmet": "#ffcdd2"]
        for (box, expected) in zip(boxes, Self.expected) {
            #expect(box.classes == ["requirement", expected.status])
            #expect(box.lines.first?.hasPrefix("\(expected.marker) ") == true, "\(box.lines)")
            #expect(box.child("rect")?.attributes["fill"] == fills[expected.status])
            #expect(box.child("rect")?.attributes["stroke-dasharray"] == nil)
        }
        #expect(boxes.count == Self.expected.count)
        #expect(boxes[1].lines.contains("badge · met") && boxes[1].lines.contains("held: SQL Querying"))
        #expect(boxes[3].lines == ["◐ Two visualisation badges", "count 2 of 2 · partly met 50%"])
        #expect(svg.legend == ["✓ met", "◐ partly met", "✗ not met"])
    }

    @Test("Each box's tooltip names the requirement, its status and the badges counted there")
    func tooltips() throws {
        let boxes = try Self.parsed(Self.graph(planned: [5: ["viz-tab"]])).requirements
        let tips = boxes.map { $0.child("title")?.text ?? "" }
        #expect(tips[1].contains("badge · met") && tips[1].hasSuffix("counted: SQL Querying"))
        #expect(tips[3] == "Two visualisation badges: count 2 of 2 · partly met 50%")
        #expect(tips[4].contains("counted: Data Visualisation with Python"))
        #expect(tips[5].contains("badge · not met; no badge counted; planned: Tableau"))
        #expect(tips[2].hasPrefix(PathwayGraphTests.quoted + ": badge · not met"))
        #expect(!tips[0].contains("counted"), "an inner node counts no badge itself")
    }

    @Test("Without a learner every box is neutral: no markers, no badges, the tooltip says so")
    func neutral() throws {
        let svg = try Self.parsed(Self.graph(showStatus: false))
        let boxes = svg.requirements
        #expect(boxes.count == 6)
        for box in boxes {
            #expect(box.classes == ["requirement", "neutral"])
            #expect(box.child("rect")?.attributes["fill"] == "#ffffff")
            #expect(!box.lines.contains { $0.hasPrefix("✓") || $0.hasPrefix("◐") || $0.hasPrefix("✗") || $0.hasPrefix("held:") })
            #expect(box.child("title")?.text.hasSuffix("status not shown") == true)
        }
        #expect(svg.legend == ["status not shown"])
        #expect(svg.children.dropFirst().first?.text.contains("6 requirements; no learner") == true)
    }

    @Test("Hostile text in labels, names, title and pathway id is escaped and reads back unchanged")
    func escaping() throws {
        let hostile = #"<script>alert('x')</script> & "y""#
        var audit = try PathwayGraphTests.sampleAudit()
        audit.root.children[1].label = hostile
        audit.root.children[0].label = "bell\u{7} ]]> end"
        audit.pathwayTitle = "T & <b>"
        audit.pathway = "p q\"><"
        audit.learner = "o'neil"
        let graph = PathwayGraph(audit: audit, badgeNames: ["sql": #"A&B "C" <D>"#], showStatus: true,
                                 planned: [2: ["<x>"]])
        let text = graph.svg
        #expect(!text.contains("<script") && !text.contains("<b>") && !text.contains("<x>") && !text.contains("<D>"))
        #expect(!text.contains("]]>") && !text.contains("\u{7}"))
        // Quotes are escaped too, so the same escaping is safe inside attribute values.
        #expect(!text.contains("o'neil") && !text.contains(#""y""#) && !text.contains(#""C""#))
        let svg = try ParsedElement.parse(text)
        let boxes = svg.requirements
        #expect(boxes[2].lines.first == "✗ " + hostile)
        #expect(boxes[2].child("title")?.text.hasPrefix(hostile + ": badge") == true)
        #expect(boxes[1].lines.first == "✓ bell\u{FFFD} ]]> end")
        #expect(boxes[1].lines.contains(#"held: A&B "C" <D>"#))
        #expect(svg.children.first?.text == "T & <b> (p q\"><) for o'neil, as of 2026-11-29: progress 50%")
        #expect(svg.planned.first?.lines == ["planned: <x>"])
        // Ids stay names XML accepts, and aria-labelledby still finds them.
        let ids = svg.descendants.compactMap { $0.attributes["id"] }
        #expect(ids.allSatisfy { id in id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } })
        let labels = try #require(svg.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        #expect(labels.count == 2 && labels.allSatisfy { ids.contains($0) })
    }

    @Test("Planned badges are dashed boxes right below their leaf, indented one step, joined by dashed lines")
    func plannedBadges() throws {
        let svg = try Self.parsed(Self.graph(planned: [2: ["sheets"], 5: ["viz-tab", "sql"]]))
        let planned = svg.planned
        #expect(planned.map { $0.attributes["id"] } == ["cairn-p-n2_plan0", "cairn-p-n5_plan0", "cairn-p-n5_plan1"])
        #expect(planned.map(\.lines) == [["planned: sheets"], ["planned: Tableau"], ["planned: SQL Querying"]])
        for box in planned { #expect(box.child("rect")?.attributes["stroke-dasharray"] != nil) }
        // In document order each plan follows its leaf (or the plan before it).
        let order = svg.descendants.filter { $0.name == "g" && $0.attributes["id"] != nil }.compactMap { $0.attributes["id"] }
        #expect(order.map { $0.replacingPrefix("cairn-p-") } == ["n0", "n1", "n2", "n2_plan0", "n3", "n4", "n5", "n5_plan0", "n5_plan1"])
        let boxes = svg.requirements
        let step = try #require(boxes[1].frame).x - #require(boxes[0].frame).x
        for (plan, leaf) in [(planned[0], boxes[2]), (planned[1], boxes[5]), (planned[2], boxes[5])] {
            let planFrame = try #require(plan.frame), leafFrame = try #require(leaf.frame)
            #expect(planFrame.x == leafFrame.x + step)
            #expect(planFrame.y >= leafFrame.y + leafFrame.height)
        }
        let dashed = svg.connectors.filter { $0.attributes["stroke-dasharray"] != nil }
        #expect(dashed.count == 3)
        #expect(svg.connectors.count == 5 + 3)
        #expect(svg.legend.last == "planned")
        #expect(try Self.graph(planned: [99: ["sql"]]).svg == Self.graph().svg)
    }

    @Test("Outline layout: rows never overlap, a child sits one indent right of its parent, elbows join them")
    func layout() throws {
        let svg = try Self.parsed(Self.graph())
        let width = try #require(svg.int("width")), height = try #require(svg.int("height"))
        let boxes = svg.requirements
        let frames = try boxes.map { try #require($0.frame) }
        var frameOf: [String: Frame] = [:]
        for (box, frame) in zip(boxes, frames) { frameOf[box.attributes["id"]?.replacingPrefix("cairn-p-") ?? ""] = frame }
        for (previous, next) in zip(frames, frames.dropFirst()) { #expect(next.y >= previous.y + previous.height) }
        for (box, frame) in zip(boxes, frames) {
            #expect(frame.x >= 0 && frame.y >= 0 && frame.x + frame.width <= width && frame.y + frame.height <= height)
            let longest = box.lines.map(\.count).max() ?? 0
            #expect(Double(frame.width) >= Double(longest) * 7.2, "box narrower than its text: \(box.lines)")
        }
        let step = frames[1].x - frames[0].x
        #expect(step > 0)
        let paths = svg.connectors.compactMap(\.elbow)
        #expect(paths.count == Self.parents.count)
        for (child, parent) in Self.parents.sorted(by: { $0.key < $1.key }) {
            let childFrame = try #require(frameOf[child]), parentFrame = try #require(frameOf[parent])
            #expect(childFrame.x == parentFrame.x + step)
            let elbow = try #require(paths.first { $0.endX == childFrame.x && $0.endY == childFrame.y + childFrame.height / 2 },
                                     "no line ends at \(child)")
            #expect(elbow.startY == parentFrame.y + parentFrame.height, "\(child)'s line starts at its parent's bottom")
            #expect(elbow.startX > parentFrame.x && elbow.startX < childFrame.x)
        }
    }

    @Test("Text on every box and on the page has at least 4.5:1 contrast")
    func contrast() throws {
        let svg = try Self.parsed(Self.graph(planned: [5: ["viz-tab"]]))
        for box in svg.requirements + svg.planned {
            let fill = try #require(box.child("rect")?.attributes["fill"])
            let ink = try #require(box.child("text")?.attributes["fill"])
            #expect(try Self.contrast(fill, ink) >= 4.5, "\(ink) on \(fill)")
        }
        let ground = try #require(svg.children.first { $0.name == "rect" }?.attributes["fill"])
        for text in svg.children.filter({ $0.name == "text" }) + (svg.legendGroup?.children.filter { $0.name == "text" } ?? []) {
            #expect(try Self.contrast(ground, #require(text.attributes["fill"])) >= 4.5)
        }
    }

    @Test("The same graph always gives the same SVG")
    func deterministic() throws {
        let first = try Self.graph(planned: [5: ["viz-tab"], 2: ["sheets"]]).svg
        let second = try Self.graph(planned: [2: ["sheets"], 5: ["viz-tab"]]).svg
        #expect(first == second)
        #expect(first != (try Self.graph().svg))
    }

    // MARK: - Helpers

    static func graph(showStatus: Bool = true, planned: [Int: [String]] = [:]) throws -> PathwayGraph {
        try PathwayGraphTests.graph(showStatus: showStatus, planned: planned)
    }

    /// The WCAG contrast ratio of two `#rrggbb` colours.
    static func contrast(_ first: String, _ second: String) throws -> Double {
        func luminance(_ hex: String) throws -> Double {
            let value = try #require(hex.hasPrefix("#") && hex.count == 7 ? Int(hex.dropFirst(), radix: 16) : nil, "\(hex)")
            let channels = [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
                let c = Double(channel) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (a, b) = (try luminance(first), try luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// A box's place in the drawing, from its `<rect>`.
struct Frame {
    var x, y, width, height: Int
}

/// An elbow connector `M x y V y' H x'`.
struct Elbow {
    var startX, startY, endY, endX: Int
}

/// An element of a parsed document: as much XML as it takes to look at an SVG.
final class ParsedElement {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let name: String
    let attributes: [String: String]
    var children: [ParsedElement] = []
    /// The character data directly inside, entities resolved.
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The root element of `text`, or ``Malformed`` if it is not well-formed XML.
    static func parse(_ text: String) throws -> ParsedElement {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        let parsed = parser.parse()
        guard parsed, builder.error == nil, let root = builder.root else {
            throw Malformed(description: "line \(parser.lineNumber): \(builder.error.map { "\($0)" } ?? "no root")")
        }
        return root
    }

    /// This element and all below it, in document order.
    var descendants: [ParsedElement] { [self] + children.flatMap(\.descendants) }

    func child(_ name: String) -> ParsedElement? { children.first { $0.name == name } }

    func int(_ attribute: String) -> Int? { attributes[attribute].flatMap { Int($0) } }

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    /// The lines of the `<text>` inside: one a `<tspan>`.
    var lines: [String] { child("text")?.children.filter { $0.name == "tspan" }.map(\.text) ?? [] }

    var frame: Frame? {
        guard let rect = child("rect"), let x = rect.int("x"), let y = rect.int("y"), let width = rect.int("width"),
              let height = rect.int("height") else { return nil }
        return Frame(x: x, y: y, width: width, height: height)
    }

    var requirements: [ParsedElement] { descendants.filter { $0.name == "g" && $0.classes.first == "requirement" } }
    var planned: [ParsedElement] { descendants.filter { $0.name == "g" && $0.classes == ["planned"] } }
    var connectors: [ParsedElement] {
        descendants.filter { $0.name == "g" && $0.classes == ["connectors"] }.flatMap(\.children)
    }
    var legendGroup: ParsedElement? { descendants.first { $0.name == "g" && $0.classes == ["legend"] } }
    var legend: [String] { legendGroup?.children.filter { $0.name == "text" }.map(\.text) ?? [] }

    /// A connector's path read as an elbow, or nil if it is drawn some other way.
    var elbow: Elbow? {
        let parts = (attributes["d"] ?? "").split(separator: " ")
        guard name == "path", parts.count == 4, parts[0].hasPrefix("M"), parts[2].hasPrefix("V"), parts[3].hasPrefix("H"),
              let startX = Int(parts[0].dropFirst()), let startY = Int(parts[1]), let endY = Int(parts[2].dropFirst()),
              let endX = Int(parts[3].dropFirst()) else { return nil }
        return Elbow(startX: startX, startY: startY, endY: endY, endX: endX)
    }
}

/// Builds ``ParsedElement``s from the parser's events.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: ParsedElement?
    var stack: [ParsedElement] = []
    var error: (any Error)?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let element = ParsedElement(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(element) } else { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = parseError
    }
}

private extension String {
    func replacingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
