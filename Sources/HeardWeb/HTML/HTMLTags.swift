/// Typed constructors for the tags Heard uses: `div(.class("panel")) { h2 { "Title" } }`.
extension HTMLAttribute {
    public static func `class`(_ value: String) -> HTMLAttribute { HTMLAttribute("class", value) }
    public static func id(_ value: String) -> HTMLAttribute { HTMLAttribute("id", value) }
    public static func href(_ value: String) -> HTMLAttribute { HTMLAttribute("href", value) }
    public static func name(_ value: String) -> HTMLAttribute { HTMLAttribute("name", value) }
    public static func value(_ value: String) -> HTMLAttribute { HTMLAttribute("value", value) }
    public static func type(_ value: String) -> HTMLAttribute { HTMLAttribute("type", value) }
    public static func `for`(_ value: String) -> HTMLAttribute { HTMLAttribute("for", value) }
    public static func action(_ value: String) -> HTMLAttribute { HTMLAttribute("action", value) }
    public static func formaction(_ value: String) -> HTMLAttribute { HTMLAttribute("formaction", value) }
    public static func method(_ value: String) -> HTMLAttribute { HTMLAttribute("method", value) }
    public static func autocomplete(_ value: String) -> HTMLAttribute { HTMLAttribute("autocomplete", value) }
    public static func aria(_ name: String, _ value: String) -> HTMLAttribute { HTMLAttribute("aria-\(name)", value) }
    public static func data(_ name: String, _ value: String) -> HTMLAttribute { HTMLAttribute("data-\(name)", value) }
    public static func lang(_ value: String) -> HTMLAttribute { HTMLAttribute("lang", value) }
    /// `dir="auto"`: the browser takes the direction from the text, so Urdu or Arabic a person wrote reads right to
    /// left beside English (WCAG 3.1.2). For words the public wrote, shown or typed.
    public static var dirAuto: HTMLAttribute { HTMLAttribute("dir", "auto") }
    public static func rel(_ value: String) -> HTMLAttribute { HTMLAttribute("rel", value) }
    public static func scope(_ value: String) -> HTMLAttribute { HTMLAttribute("scope", value) }
    public static func role(_ value: String) -> HTMLAttribute { HTMLAttribute("role", value) }
    public static func tabindex(_ value: Int) -> HTMLAttribute { HTMLAttribute("tabindex", String(value)) }
    public static var required: HTMLAttribute { HTMLAttribute("required", nil) }
    public static var selected: HTMLAttribute { HTMLAttribute("selected", nil) }
    public static var checked: HTMLAttribute { HTMLAttribute("checked", nil) }
    public static var novalidate: HTMLAttribute { HTMLAttribute("novalidate", nil) }
}

public func element(
    _ name: String, _ attributes: HTMLAttribute..., @HTMLBuilder content: () -> [HTMLNode] = { [] }
)
    -> HTMLNode
{
    .element(name, attributes, children: content())
}

@inlinable func tag(_ name: String, _ attributes: [HTMLAttribute], _ content: () -> [HTMLNode]) -> HTMLNode {
    .element(name, attributes, children: content())
}

public func div(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode] = { [] }) -> HTMLNode {
    tag("div", a, c)
}
public func span(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("span", a, c) }
public func p(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("p", a, c) }
public func a(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("a", a, c) }
public func h1(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("h1", a, c) }
public func h2(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("h2", a, c) }
public func h3(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("h3", a, c) }
public func ul(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("ul", a, c) }
public func ol(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("ol", a, c) }
public func li(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("li", a, c) }
public func dl(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("dl", a, c) }
public func dt(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("dt", a, c) }
public func dd(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("dd", a, c) }
public func strong(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("strong", a, c) }
public func section(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("section", a, c)
}
public func nav(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("nav", a, c) }
public func header(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("header", a, c) }
public func footer(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("footer", a, c) }
public func mainElement(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("main", a, c)
}
public func form(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("form", a, c) }
public func fieldset(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("fieldset", a, c)
}
public func legend(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("legend", a, c) }
public func label(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("label", a, c) }
public func button(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("button", a, c) }
public func selectList(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("select", a, c)
}
public func option(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("option", a, c) }
public func textarea(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("textarea", a, c)
}
public func table(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("table", a, c) }
public func caption(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("caption", a, c)
}
public func thead(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("thead", a, c) }
public func tbody(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("tbody", a, c) }
public func tr(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("tr", a, c) }
public func th(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("th", a, c) }
public func td(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("td", a, c) }
public func timeElement(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("time", a, c)
}
public func details(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("details", a, c)
}
public func summary(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode {
    tag("summary", a, c)
}
public func input(_ a: HTMLAttribute...) -> HTMLNode { .void("input", a) }
public func input(_ a: [HTMLAttribute]) -> HTMLNode { .void("input", a) }
