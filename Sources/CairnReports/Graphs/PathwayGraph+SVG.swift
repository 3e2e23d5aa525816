import CairnCore

extension PathwayGraph {
    /// The requirement tree as a standalone SVG 1.1 document, laid out by Cairn itself: an
    /// indented outline with one requirement a row in preorder, each row indented by its depth
    /// and joined to its parent by an elbow line. Badges a plan would add hang below their leaf
    /// as dashed boxes; the title and a legend of the statuses used stand at the top.
    ///
    /// Made to be served as a page or inlined in one: the root has `role="img"` with a
    /// `<title>` and a `<desc>` that sums up the progress, and each box's own `<title>` (a
    /// tooltip) names its requirement, its status and the badges counted there. A status is
    /// shown by a marker (✓ met, ◐ partly met, ✗ not met) and in words as well as by colour, so
    /// the picture still reads in grey or printed without fills. `width` and `height` are the
    /// drawing's size in pixels with a matching `viewBox`, and an inline style lets it shrink
    /// to its container. Nothing outside the document is referenced (no fonts, images or style
    /// sheets), and the same graph always gives the same text.
    ///
    /// Element ids start with `cairn-` and the pathway id, so graphs of different pathways can
    /// share a page; two of the same pathway on one page would repeat ids.
    public var svg: String {
        SVGOutline(graph: self).document
    }
}

/// The outline layout and its SVG text. Sizes are whole pixels, so the text never depends on
/// how a floating-point number is printed.
private struct SVGOutline {
    /// One box of the outline: a requirement, or a planned badge under its leaf.
    struct Row {
        var id: String
        var parent: String?
        var depth: Int
        /// The text, the status marker first.
        var lines: [String]
        /// What a tooltip says about the box.
        var summary: String
        /// `requirement met`, `requirement partly`, …, or `planned`.
        var className: String
        var fill: String
        var stroke: String
        var isPlanned: Bool
        var x = 0, y = 0, width = 0, height = 0

        var bottom: Int { y + height }
    }

    // Text is not measured (Cairn has no font to measure with): about 7.2 px a character suits
    // 13 px Helvetica or Arial, 9.2 px its 16 px bold title; boxes keep padding for wider fonts.
    static let fontSize = 13, charWidth = 7.2, lineHeight = 17, descent = 4
    static let titleSize = 16, titleCharWidth = 9.2
    /// Around the drawing; inside a box, across and down; one step of indent; between rows.
    static let margin = 16, padX = 10, padY = 7, indent = 28, rowGap = 10
    /// The side of a legend's colour swatch.
    static let swatch = 14
    /// Dark text on every fill used (all light): about 12:1 contrast or more, well above 4.5:1.
    static let textColour = "#1b1b1b"
    static let edgeColour = "#757575"
    static let fontFamily = "Helvetica, Arial, sans-serif"

    let graph: PathwayGraph
    let drawing: PathwayGraph.Drawing
    let idPrefix: String
    var rows: [Row] = []

    init(graph: PathwayGraph) {
        self.graph = graph
        drawing = graph.drawing
        idPrefix = "cairn-" + SVGOutline.idSafe(graph.audit.pathway) + "-"
        rows = outline()
    }

    /// The status marker, so a status never rests on colour alone.
    static func marker(_ status: PathwayGraph.Status) -> String? {
        switch status {
        case .met: "✓"
        case .partlyMet: "◐"
        case .notMet: "✗"
        case .neutral: nil
        }
    }

    // MARK: - Layout

    /// The rows in preorder, each requirement followed by the badges planned for it, placed
    /// one under another and indented by depth.
    private func outline() -> [Row] {
        var parentOf: [String: String] = [:]
        for edge in drawing.edges { parentOf[edge.to] = edge.from }
        let inner = Set(drawing.edges.map(\.from))
        var depthOf: [String: Int] = [:]
        var rows: [Row] = []
        for box in drawing.boxes {
            let parent = parentOf[box.id]
            let depth = parent.flatMap { depthOf[$0] }.map { $0 + 1 } ?? 0
            depthOf[box.id] = depth
            let planned = drawing.planned.filter { $0.parent == box.id }
            var lines = box.lines
            if let marker = SVGOutline.marker(box.status), let first = lines.first { lines[0] = "\(marker) \(first)" }
            rows.append(Row(id: box.id, parent: parent, depth: depth, lines: lines,
                            summary: summary(of: box, isLeaf: !inner.contains(box.id), planned: planned),
                            className: "requirement \(box.status.rawValue)", fill: box.status.fill,
                            stroke: box.status.stroke, isPlanned: false))
            for plan in planned {
                rows.append(Row(id: plan.id, parent: box.id, depth: depth + 1, lines: PathwayGraph.wrap(plan.line),
                                summary: "\(plan.line) (a badge the plan would add)", className: "planned",
                                fill: PathwayGraph.plannedFill, stroke: PathwayGraph.plannedStroke, isPlanned: true))
            }
        }
        var top = treeTop
        for index in rows.indices {
            rows[index].x = SVGOutline.margin + rows[index].depth * SVGOutline.indent
            rows[index].y = top
            rows[index].width = 2 * SVGOutline.padX + (rows[index].lines.map { SVGOutline.width(of: $0) }.max() ?? 0)
            rows[index].height = 2 * SVGOutline.padY + SVGOutline.fontSize + SVGOutline.descent
                + (rows[index].lines.count - 1) * SVGOutline.lineHeight
            top += rows[index].height + SVGOutline.rowGap
        }
        return rows
    }

    /// The requirement, its status in words and the badges counted, for a tooltip.
    private func summary(of box: PathwayGraph.Box, isLeaf: Bool,
                         planned: [PathwayGraph.PlannedBox]) -> String {
        var parts = [box.label.isEmpty ? box.kind : "\(box.label): \(box.kind)"]
        if box.status == .neutral { parts[0] += " · \(box.status.legend)" }
        if !box.held.isEmpty {
            parts.append("counted: \(box.held.joined(separator: ", "))")
        } else if graph.showStatus && isLeaf {
            parts.append("no badge counted")
        }
        parts += planned.map(\.line)
        return parts.joined(separator: "; ")
    }

    private var titleBaseline: Int { SVGOutline.margin + SVGOutline.titleSize }
    private var legendTop: Int { titleBaseline + 12 }
    private var treeTop: Int { legendTop + SVGOutline.swatch + 20 }

    /// The legend's entries: a status with its marker, or the planned box; and where each starts.
    private var legend: [(text: String, status: PathwayGraph.Status?, x: Int)] {
        var entries: [(text: String, status: PathwayGraph.Status?, x: Int)] = []
        var x = SVGOutline.margin
        var items: [(String, PathwayGraph.Status?)] = graph.legendStatuses(drawing).map { status in
            (SVGOutline.marker(status).map { "\($0) \(status.legend)" } ?? status.legend, status)
        }
        if !drawing.planned.isEmpty { items.append(("planned", nil)) }
        for (text, status) in items {
            entries.append((text, status, x))
            x += SVGOutline.swatch + 6 + SVGOutline.width(of: text) + 18
        }
        return entries
    }

    private var size: (width: Int, height: Int) {
        let titleEnd = SVGOutline.margin + SVGOutline.width(of: graph.title, charWidth: SVGOutline.titleCharWidth)
        let legendEnd = legend.last.map { $0.x + SVGOutline.swatch + 6 + SVGOutline.width(of: $0.text) } ?? 0
        let treeEnd = rows.map { $0.x + $0.width }.max() ?? 0
        let bottom = rows.last?.bottom ?? treeTop
        return (max(titleEnd, legendEnd, treeEnd) + SVGOutline.margin, bottom + SVGOutline.margin)
    }

    /// The estimated width of `text`: characters of East Asian scripts and emoji count double.
    static func width(of text: String, charWidth: Double = SVGOutline.charWidth) -> Int {
        let units = text.reduce(0) { total, character in
            let value = character.unicodeScalars.first?.value ?? 0
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || value >= 0x20000
            return total + (wide ? 2 : 1)
        }
        return Int((Double(units) * charWidth).rounded(.up))
    }

    // MARK: - The document

    var document: String {
        let (width, height) = size
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" style=\"max-width:100%;height:auto\" role=\"img\" "
        out += "aria-labelledby=\"\(idPrefix)title \(idPrefix)desc\" font-family=\"\(SVGOutline.fontFamily)\" "
        out += "font-size=\"\(SVGOutline.fontSize)\">\n"
        out += "<title id=\"\(idPrefix)title\">\(SVGOutline.xml(graph.title))</title>\n"
        out += "<desc id=\"\(idPrefix)desc\">\(SVGOutline.xml(description))</desc>\n"
        // A white ground: dark text stays readable on a page with a dark background.
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(SVGOutline.margin)\" y=\"\(titleBaseline)\" font-size=\"\(SVGOutline.titleSize)\" "
        out += "font-weight=\"bold\" fill=\"\(SVGOutline.textColour)\">\(SVGOutline.xml(graph.title))</text>\n"
        out += legendElements
        out += connectors
        for row in rows { out += element(row) }
        out += "</svg>\n"
        return out
    }

    /// What a screen reader says for the whole picture.
    private var description: String {
        let audit = graph.audit
        let count = drawing.boxes.count
        var text = "Requirement tree of \(audit.pathwayTitle) (\(audit.pathway))"
        if graph.showStatus {
            let statuses = drawing.boxes.map(\.status)
            let met = statuses.filter { $0 == .met }.count
            let partly = statuses.filter { $0 == .partlyMet }.count
            text += " for \(audit.learner), as of \(audit.asOf): "
            text += audit.isComplete ? "complete" : "progress \(PercentText.of(audit.progress))"
            text += ". \(met) of \(count) requirements met, \(partly) partly met, \(count - met - partly) not met."
        } else {
            text += ": \(count) requirements; no learner, so no status is shown."
        }
        if !drawing.planned.isEmpty {
            text += " \(drawing.planned.count) badges a plan would add are shown as dashed boxes."
        }
        return text + " Each requirement is a box, indented under the requirement it belongs to."
    }

    private var legendElements: String {
        var out = "<g class=\"legend\">\n"
        for entry in legend {
            let (fill, stroke) = entry.status.map { ($0.fill, $0.stroke) }
                ?? (PathwayGraph.plannedFill, PathwayGraph.plannedStroke)
            let dash = entry.status == nil ? " stroke-dasharray=\"4 2\"" : ""
            out += "<rect x=\"\(entry.x)\" y=\"\(legendTop)\" width=\"\(SVGOutline.swatch)\" "
            out += "height=\"\(SVGOutline.swatch)\" rx=\"3\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(dash)/>\n"
            out += "<text x=\"\(entry.x + SVGOutline.swatch + 6)\" y=\"\(legendTop + SVGOutline.swatch - 3)\" "
            out += "fill=\"\(SVGOutline.textColour)\">\(SVGOutline.xml(entry.text))</text>\n"
        }
        return out + "</g>\n"
    }

    /// Elbow lines: down from the parent's box, then across to the child's middle. Drawn before
    /// the boxes, so a box covers the line's start.
    private var connectors: String {
        var bottomOf: [String: (x: Int, y: Int)] = [:]
        for row in rows { bottomOf[row.id] = (row.x + SVGOutline.indent / 2, row.bottom) }
        var out = "<g class=\"connectors\" fill=\"none\" stroke=\"\(SVGOutline.edgeColour)\" stroke-width=\"1.5\">\n"
        for row in rows {
            guard let parent = row.parent, let start = bottomOf[parent] else { continue }
            let style = row.isPlanned ? " stroke=\"\(PathwayGraph.plannedStroke)\" stroke-dasharray=\"5 3\"" : ""
            out += "<path d=\"M\(start.x) \(start.y) V\(row.y + row.height / 2) H\(row.x)\"\(style)/>\n"
        }
        return out + "</g>\n"
    }

    private func element(_ row: Row) -> String {
        var out = "<g id=\"\(idPrefix)\(row.id)\" class=\"\(row.className)\">\n"
        out += "<title>\(SVGOutline.xml(row.summary))</title>\n"
        let dash = row.isPlanned ? " stroke-dasharray=\"5 3\"" : ""
        out += "<rect x=\"\(row.x)\" y=\"\(row.y)\" width=\"\(row.width)\" height=\"\(row.height)\" rx=\"4\" "
        out += "fill=\"\(row.fill)\" stroke=\"\(row.stroke)\" stroke-width=\"1.5\"\(dash)/>\n"
        out += "<text fill=\"\(SVGOutline.textColour)\">"
        for (index, line) in row.lines.enumerated() {
            let baseline = row.y + SVGOutline.padY + SVGOutline.fontSize + index * SVGOutline.lineHeight
            out += "<tspan x=\"\(row.x + SVGOutline.padX)\" y=\"\(baseline)\">\(SVGOutline.xml(line))</tspan>"
        }
        return out + "</text>\n</g>\n"
    }

    // MARK: - Text

    /// `text` as XML character data or an attribute value: the five special characters as
    /// entities; line breaks and tabs as spaces (SVG folds them anyway); characters XML 1.0
    /// forbids (other control characters, U+FFFE, U+FFFF) as U+FFFD, so a label can never make
    /// the document ill-formed.
    static func xml(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped += " "
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `text` made fit for an XML id: ASCII letters, digits, `-`, `_` and `.` kept, anything else
    /// as `_`.
    static func idSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let kept = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-_.".unicodeScalars.contains(scalar)
            return kept ? Character(scalar) : "_"
        })
    }
}
