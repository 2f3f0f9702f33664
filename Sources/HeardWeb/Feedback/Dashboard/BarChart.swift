/// A horizontal bar chart as SVG, built with the escaping HTML builder. It is a picture of the table
/// that always sits beside it, so it is marked as an image with a text alternative.
enum BarChart {
    struct Bar {
        var label: String
        var segments: [(value: Int, cssClass: String)]
        var total: Int { segments.reduce(0) { $0 + $1.value } }
    }

    static func render(title: String, bars: [Bar]) -> HTMLNode {
        let rowHeight = 26
        let labelWidth = 220
        let chartWidth = 360
        let height = max(rowHeight, bars.count * rowHeight) + 4
        let maximum = max(1, bars.map(\.total).max() ?? 1)
        var children: [HTMLNode] = [element("title") { title }]
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 2
            children.append(
                .element(
                    "text", [HTMLAttribute("x", "0"), HTMLAttribute("y", String(y + 17)), .class("chart-label")],
                    children: [.text(String(bar.label.prefix(34)))]))
            var x = labelWidth
            for segment in bar.segments where segment.value > 0 {
                let width = max(1, segment.value * chartWidth / maximum)
                // Closed with </rect>: in an HTML page a bare <rect> is not self-closing (only "/>" is, inside
                // <svg>), so every later label and bar nested inside the first bar and was never drawn.
                children.append(
                    .element(
                        "rect",
                        [
                            HTMLAttribute("x", String(x)), HTMLAttribute("y", String(y + 4)),
                            HTMLAttribute("width", String(width)),
                            HTMLAttribute("height", String(rowHeight - 8)), .class(segment.cssClass),
                        ]))
                x += width
            }
            children.append(
                .element(
                    "text",
                    [HTMLAttribute("x", String(x + 6)), HTMLAttribute("y", String(y + 17)), .class("chart-label")],
                    children: [.text(String(bar.total))]))
        }
        return .element(
            "svg",
            [
                HTMLAttribute("xmlns", "http://www.w3.org/2000/svg"),
                HTMLAttribute("viewBox", "0 0 \(labelWidth + chartWidth + 60) \(height)"),
                .class("chart"), .role("img"), .aria("label", title),
            ], children: children)
    }
}
