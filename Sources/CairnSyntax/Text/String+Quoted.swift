/// A value quoted for a message: `"2 years"`, shortened when long.
package func quoted(_ text: String) -> String {
    let limit = 60
    let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
    var escaped = ""
    for character in shown {
        switch character {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        default: escaped.append(character)
        }
    }
    return "\"" + escaped + "\""
}
