import Foundation
import HeardDomain
import HeardStorage

enum StoriesPages {
    static func index(
        context: PageContext, result: StoriesQuery.Result, filters: StoriesQuery.Filters, places: [Place],
        services: [Service], themes: [String], problems: [String]
    ) -> String {
        PageLayout.render(context) {
            h1 { "What people told us" }
            p(.class("lead")) {
                "Experiences people shared and agreed to publish, with the service's reply. "
                "Personal details are removed before anything is published."
            }
            p { a(.class("button"), .href(SiteURL.share)) { "Share your experience" } }
            HeardWeb.form(.action(SiteURL.stories), .method("get"), .class("filters")) {
                FormComponents.selectField(
                    name: "place", label: "Place",
                    choices: places.map {
                        .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: filters.place ?? "", failure: nil, prompt: "All places")
                FormComponents.selectField(
                    name: "service", label: "Service",
                    choices: services.map {
                        .init(value: $0.id!.uuidString, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: filters.service ?? "", failure: nil, prompt: "All services")
                FormComponents.selectField(
                    name: "theme", label: "Theme", choices: themes.map { .init(value: $0, label: $0) },
                    selected: filters.theme ?? "", failure: nil, prompt: "All themes")
                FormComponents.selectField(
                    name: "sentiment", label: "Feeling",
                    choices: [
                        .init(value: "positive", label: "Positive"), .init(value: "mixed", label: "Mixed"),
                        .init(value: "negative", label: "Negative"),
                    ],
                    selected: filters.sentiment ?? "", failure: nil, prompt: "Any")
                button(.type("submit"), .class("button button-secondary")) { "Show stories" }
            }
            if !problems.isEmpty { div(.class("notice"), .role("status")) { problems.joined(separator: " ") } }
            p(.role("status")) {
                if result.totalIsCapped {
                    "\(result.total.formatted) or more stories: the newest \(result.total.formatted) are shown here. "
                        + "Choose a place, service, theme or feeling to see fewer."
                } else {
                    "\(result.total) \(result.total == 1 ? "story" : "stories")"
                }
            }
            ol(.class("story-list")) {
                for item in result.stories { li { storyCard(item, titleLevel: 2) } }
            }
            Pagination.links(page: result.page, pageCount: result.pageCount) { number in
                var components = URLComponents()
                components.queryItems =
                    [
                        ("place", filters.place), ("service", filters.service), ("theme", filters.theme),
                        ("sentiment", filters.sentiment),
                    ].compactMap { name, value in
                        value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) }
                    }
                    + [URLQueryItem(name: "page", value: String(number))]
                return SiteURL.stories + "?" + (components.percentEncodedQuery ?? "")
            }
        }
    }

    static func story(context: PageContext, item: FeedbackItem) -> String {
        PageLayout.render(context) {
            p { a(.class("back-link"), .href(SiteURL.stories)) { "All stories" } }
            h1 { "About \(item.service.name)" }
            storyCard(item, titleLevel: nil)
        }
    }

    /// The address of a story a moderator took down: nothing of the story or its replies, not even its service.
    static func withdrawn(context: PageContext) -> String {
        PageLayout.render(context) {
            p { a(.class("back-link"), .href(SiteURL.stories)) { "All stories" } }
            h1 { "This story has been withdrawn" }
            p {
                "It is no longer published. Stories are withdrawn when the person asks, or to protect someone's privacy."
            }
            p { a(.href(SiteURL.stories)) { "Read other stories" } }
        }
    }

    /// One published story: only the moderated, redacted text, never the original. `titleLevel` is the level of
    /// the story's own heading (nil on the story's page, under its h1); the parts and replies sit one below.
    static func storyCard(_ item: FeedbackItem, titleLevel: Int?) -> HTMLNode {
        let partLevel = "h\((titleLevel ?? 1) + 1)"
        return article(.class("story")) {
            if let level = titleLevel {
                HTMLNode.element(
                    "h\(level)", [.class("story-title")],
                    children: [
                        a(.href(SiteURL.story(item.reference))) { item.service.name }
                    ])
            }
            p(.class("story-meta")) {
                item.place.name
                " · "
                (item.publishedAt ?? item.receivedAt).formatted(StoriesPages.dayFormat)
                if let fft = item.fft { " · Overall: \(fft.title.lowercased())" }
            }
            div(.class("story-text")) {
                for part in publishedParts(item) {
                    if let label = part.label {
                        HTMLNode.element(partLevel, [.class("story-part")], children: [.text(label)])
                    }
                    for paragraph in part.paragraphs { p(.dirAuto) { paragraph } }
                }
            }
            // "Not assigned" alone tells a reader nothing: such a story shows no tags.
            let themes = ListeningEngine.namedThemes(item.themeList)
            if !themes.isEmpty {
                ul(.class("tag-list"), .aria("label", "Themes")) {
                    for theme in themes { li(.class("tag")) { theme } }
                }
            }
            for reply in item.replies.sorted(by: { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }) {
                div(.class("reply")) {
                    HTMLNode.element(partLevel, [.class("reply-title")], children: ["Reply from the service"])
                    FeedbackText.paragraphs(reply.body)
                    p(.class("reply-signature")) { reply.signature }
                }
            }
        }
    }

    /// The published text in the parts the person wrote: their story, then "What was good" and "What could be
    /// better", each labelled. The published copy is the three answers joined by blank lines (then redacted and
    /// perhaps edited), so the parts are found by counting the paragraphs of each answer; when a moderator
    /// changed the paragraphs and the counts no longer match, the text is shown whole, unlabelled.
    static func publishedParts(_ item: FeedbackItem) -> [(label: String?, paragraphs: [String])] {
        func paragraphs(_ text: String) -> [String] { text.components(separatedBy: "\n\n").filter { !$0.isEmpty } }
        let published = paragraphs(item.publishedText ?? "")
        let answers: [(String?, Int)] = [
            (nil, paragraphs(item.story).count), ("What was good", paragraphs(item.whatWasGood).count),
            ("What could be better", paragraphs(item.couldBeBetter).count),
        ].filter { $0.1 > 0 }
        guard answers.map(\.1).reduce(0, +) == published.count else { return [(nil, published)] }
        var parts: [(label: String?, paragraphs: [String])] = []
        var start = 0
        for (label, count) in answers {
            var shown = Array(published[start..<start + count])
            // The suggested text starts the answer with its label ("What was good: …") so it reads on its own;
            // under the label's heading that would say it twice.
            if let label, let first = shown.first, first.hasPrefix(label + ": ") {
                shown[0] = String(first.dropFirst(label.count + 2))
            }
            parts.append((label, shown))
            start += count
        }
        return parts
    }

    static let dayFormat = Date.FormatStyle(
        date: .long, time: .omitted, locale: Locale(identifier: "en_GB"),
        timeZone: TimeZone(identifier: "Europe/London") ?? .gmt)
}

func article(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("article", a, c) }
func h4(_ a: HTMLAttribute..., @HTMLBuilder content c: () -> [HTMLNode]) -> HTMLNode { tag("h4", a, c) }
