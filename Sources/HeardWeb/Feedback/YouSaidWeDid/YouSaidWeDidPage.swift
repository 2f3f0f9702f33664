import Foundation
import HeardDomain
import HeardStorage

enum YouSaidWeDidPage {
    static func render(
        _ model: YouSaidWeDidController.Model, scope: FeedbackScope, path: String, context: PageContext
    ) -> String {
        // Each list keeps the other's page, so paging one does not reset the other.
        func link(done: Int, open: Int, anchor: String) -> String {
            ListPage.path(
                path, filters: [("done", done > 1 ? String(done) : ""), ("open", open > 1 ? String(open) : "")],
                page: 1) + "#" + anchor
        }
        return PageLayout.render(context) {
            if scope != .everywhere {
                p { a(.class("back-link"), .href(SiteURL.youSaidWeDid)) { "You said, we did: everywhere" } }
            }
            h1 { model.title }
            p(.class("lead")) {
                "What people told us \(model.scopeDescription), what we did about it, and how quickly we answered."
            }
            LoopClosurePanel.render(model.loop, period: YouSaidWeDidController.period)
            if !model.indicators.isEmpty {
                section(.aria("labelledby", "indicators")) {
                    h2(.id("indicators")) { "How things are measured here" }
                    DataTable.render(
                        caption:
                            "Indicators \(model.scopeDescription): latest figure and change since the period before",
                        headers: ["Indicator", "Latest figure", "Period from", "Change"],
                        rows: model.indicators.map { indicator, values in
                            let latest = values.max { $0.periodStart < $1.periodStart }!
                            return [
                                .text(indicator.name), .text(indicator.unit.format(latest.value)),
                                .text(SimpleDate(iso: latest.periodStart)!.ukText),
                                .text(
                                    IndicatorTrend.of(
                                        values.map(\.point), direction: indicator.direction, period: indicator.period)?
                                        .describe(unit: indicator.unit) ?? "–"),
                            ]
                        })
                }
            }
            section(.aria("labelledby", "you-said")) {
                h2(.id("you-said")) { "You said" }
                p {
                    "\(model.publishedCount.formatted) \(model.publishedCount == 1 ? "story" : "stories") published "
                        + "\(YouSaidWeDidController.period)."
                }
                let shownThemes = Set(ListeningEngine.publicThemes(model.themes.map(\.theme)))
                if !shownThemes.isEmpty {
                    // A story can have several themes, or none the engine could name: the table's counts need not
                    // add up to the stories published, and the page says so rather than look wrong.
                    p(.class("hint")) {
                        "A story can be about several themes, or none we could name, so the counts below need not add up to the stories published."
                    }
                    DataTable.render(
                        caption: "What people talked about most \(YouSaidWeDidController.period)",
                        headers: ["Theme", "Stories", "Positive", "Negative"],
                        rows: model.themes.filter { shownThemes.contains($0.theme) }.map {
                            [
                                .text($0.theme), .text(String($0.count)), .text(String($0.positive)),
                                .text(String($0.negative)),
                            ]
                        })
                }
                if !model.quotes.isEmpty {
                    h3 { "In their words" }
                    // The latest stories whatever their age, so a quiet month still shows people's words: say so.
                    p(.class("hint")) {
                        model.quotes.count == 1
                            ? "The latest published story, whenever it was published."
                            : "The latest \(model.quotes.count) published stories, whenever they were published."
                    }
                    for item in model.quotes {
                        HTMLNode.element(
                            "blockquote", [.class("quote")],
                            children: [
                                p(.dirAuto) { String((item.publishedText ?? "").prefix(400)) },
                                p(.class("quote-source")) {
                                    "About \(item.serviceAndPlace)"
                                        + (item.publishedAt.map { ", published \(DecisionClock.ukDay(of: $0).ukText)" }
                                            ?? "")
                                },
                            ])
                    }
                }
            }
            section(.aria("labelledby", "we-did")) {
                h2(.id("we-did")) { "We did" }
                if model.closedActions.isEmpty {
                    p { "Nothing has been completed here yet." }
                } else {
                    if model.closedPage.count > 1 { p { model.closedPage.showing(of: model.closedCount) } }
                    ul(.class("action-list")) { for action in model.closedActions { li { actionCard(action) } } }
                    Pagination.links(
                        page: model.closedPage.number, pageCount: model.closedPage.count, label: "Pages of what we did"
                    ) { link(done: $0, open: model.openPage.number, anchor: "we-did") }
                }
                if !model.openActions.isEmpty {
                    h3(.id("working-on")) { "What we are working on" }
                    if model.openPage.count > 1 { p { model.openPage.showing(of: model.openCount) } }
                    ul(.class("action-list")) { for action in model.openActions { li { actionCard(action) } } }
                    Pagination.links(
                        page: model.openPage.number, pageCount: model.openPage.count,
                        label: "Pages of what we are working on"
                    ) { link(done: model.closedPage.number, open: $0, anchor: "working-on") }
                }
            }
            if !model.decisions.isEmpty {
                section(.aria("labelledby", "decisions")) {
                    h2(.id("decisions")) { "Decisions made after listening" }
                    ul(.class("list-plain")) {
                        for decision in model.decisions {
                            li {
                                a(.href(DecisionURL.publicDecision(decision.id!))) { decision.title }
                                " – " + (SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn)
                                p(.class("hint")) { "About: " + decision.initiative.title }
                            }
                        }
                    }
                    p {
                        a(.href(DecisionURL.publicDecisions)) {
                            "All decisions, and how each answered what people said"
                        }
                    }
                }
            }
            section(.aria("labelledby", "elsewhere")) {
                h2(.id("elsewhere")) { "See other places and organisations" }
                if !model.servicesHere.isEmpty {
                    h3 { "Services" }
                    ul(.class("list-columns")) {
                        for service in model.servicesHere {
                            li { a(.href(SiteURL.youSaidWeDid(service: service.id!))) { service.name } }
                        }
                    }
                }
                h3 { "Places" }
                ul(.class("list-columns")) {
                    for place in model.places {
                        li { a(.href(SiteURL.youSaidWeDid(place: place.slug))) { place.name } }
                    }
                }
                h3 { "Organisations" }
                ul(.class("list-columns")) {
                    for organisation in model.organisations {
                        li { a(.href(SiteURL.youSaidWeDid(organisation: organisation.id!))) { organisation.name } }
                    }
                }
            }
        }
    }

    /// `areas`: where the action was taken, when the same action is shown once for several places.
    static func actionCard(_ action: ActionItem, areas: [String]? = nil) -> HTMLNode {
        div(.class("action-card")) {
            p(.class("action-said")) {
                strong { "You said: " }; action.youSaid
            }
            p(.class("action-did")) {
                strong {
                    action.status == .notPossible ? "We could not: " : action.status.isClosed ? "We did: " : "We will: "
                }
                action.title
            }
            if !action.outcome.isEmpty {
                p { action.status == .notPossible ? "Why: " + action.outcome : action.outcome }
            }
            p(.class("action-meta")) {
                action.status.title
                if let closed = action.closedAt {
                    " on " + closed.formatted(StoriesPages.dayFormat)
                } else {
                    ", due " + action.dueOn.formatted(StoriesPages.dayFormat)
                }
                " · " + EnglishList.and(areas ?? [action.place?.name ?? action.organisation.name])
                if areas == nil || areas?.count == 1 {
                    " · \(action.updates.count) update\(action.updates.count == 1 ? "" : "s")"
                }
            }
        }
    }
}

/// The headline figures, as a list of big numbers with their meaning spelled out.
enum LoopClosurePanel {
    /// - Parameter period: how far back the figures go, e.g. "in the last 12 weeks" (nil: all time).
    static func render(_ loop: LoopClosure, headingLevel: Int = 2, period: String? = nil) -> HTMLNode {
        section(.class("loop-panel"), .aria("labelledby", "loop-heading")) {
            HTMLNode.element("h\(headingLevel)", [.id("loop-heading")], children: ["Closing the loop"])
            p {
                let stories = loop.needingAnswer == 1 ? "story" : "stories"
                if let period {
                    "Of \(loop.needingAnswer.formatted) \(stories) published \(period) that needed an answer:"
                } else {
                    "Of \(loop.needingAnswer.formatted) published \(stories) that needed an answer:"
                }
            }
            ul(.class("stat-list")) {
                li {
                    strong { LoopClosure.percent(loop.replyRate) }; " got a public reply"
                }
                li {
                    strong { LoopClosure.days(loop.medianDaysToReply) }; " median time to reply"
                }
                li {
                    strong { LoopClosure.percent(loop.actionRate) }; " led to an action"
                }
                li {
                    strong { LoopClosure.percent(loop.actionsClosedRate) };
                    " of " + Wording.count(loop.actions, "action") + " done or closed with a reason"
                }
                li {
                    strong { LoopClosure.days(loop.medianDaysToWeDid) }; " median from feedback to \"we did\""
                }
            }
        }
    }
}
