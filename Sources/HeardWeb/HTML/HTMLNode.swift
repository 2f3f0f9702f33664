import HeardDomain

/// A piece of HTML. Text and attribute values are escaped when rendered (and lose direction override
/// controls, `BidiControls`), so a view cannot inject markup or reverse words by accident; `raw` exists only
/// for trusted constants (inline SVG we build).
public struct HTMLNode: Sendable {
    enum Kind: Sendable {
        case element(name: String, attributes: [HTMLAttribute], children: [HTMLNode], isVoid: Bool)
        case text(String)
        case raw(String)
        case fragment([HTMLNode])
    }

    let kind: Kind

    public static func text(_ string: String) -> HTMLNode { HTMLNode(kind: .text(string)) }
    public static func raw(_ trustedMarkup: String) -> HTMLNode { HTMLNode(kind: .raw(trustedMarkup)) }
    public static func fragment(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(kind: .fragment(nodes)) }
    public static var empty: HTMLNode { .fragment([]) }

    public static func element(
        _ name: String, _ attributes: [HTMLAttribute] = [], children: [HTMLNode] = []
    ) -> HTMLNode {
        HTMLNode(kind: .element(name: name, attributes: attributes, children: children, isVoid: false))
    }

    public static func void(_ name: String, _ attributes: [HTMLAttribute]) -> HTMLNode {
        HTMLNode(kind: .element(name: name, attributes: attributes, children: [], isVoid: true))
    }

    public func render() -> String {
        var output = ""
        output.reserveCapacity(4096)
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        switch kind {
        case .text(let string):
            HTMLEscaping.appendEscaped(string, to: &output, quotes: false)
        case .raw(let markup):
            output += markup
        case .fragment(let nodes):
            for node in nodes { node.render(into: &output) }
        case .element(let name, let attributes, let children, let isVoid):
            output += "<"
            output += name
            for attribute in attributes {
                output += " "
                output += attribute.name
                if let value = attribute.value {
                    output += "=\""
                    HTMLEscaping.appendEscaped(value, to: &output, quotes: true)
                    output += "\""
                }
            }
            output += ">"
            if isVoid { return }
            for child in children { child.render(into: &output) }
            output += "</"
            output += name
            output += ">"
        }
    }
}

extension HTMLNode: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}

/// One attribute; a nil value renders a boolean attribute (`required`).
public struct HTMLAttribute: Sendable {
    public let name: String
    public let value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}

enum HTMLEscaping {
    static func appendEscaped(_ string: String, to output: inout String, quotes: Bool) {
        for character in string.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "'" where quotes: output += "&#39;"
            // Direction overrides and isolates from stored text (typed, imported or sent to the API) would
            // reorder what the page shows; they are never needed to show right-to-left letters, which stay.
            case _ where BidiControls.contains(character): break
            default: output.unicodeScalars.append(character)
            }
        }
    }
}

@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ node: HTMLNode) -> [HTMLNode] { [node] }
    public static func buildExpression(_ nodes: [HTMLNode]) -> [HTMLNode] { nodes }
    public static func buildExpression(_ text: String) -> [HTMLNode] { [.text(text)] }
    public static func buildBlock(_ parts: [HTMLNode]...) -> [HTMLNode] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [HTMLNode]?) -> [HTMLNode] { part ?? [] }
    public static func buildEither(first: [HTMLNode]) -> [HTMLNode] { first }
    public static func buildEither(second: [HTMLNode]) -> [HTMLNode] { second }
    public static func buildArray(_ parts: [[HTMLNode]]) -> [HTMLNode] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [HTMLNode]) -> [HTMLNode] { part }
}
