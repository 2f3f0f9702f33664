import Foundation
import HeardDomain
import HeardStorage

/// Staff pages for answering ideas, and the public page of ideas taken forward.
enum IdeaPages {
    static func list(
        _ ideas: [Idea], status: IdeaStatus?, statusKnown: Bool = true, page: Int, pageCount: Int,
        context: PageContext, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Ideas" }
            p(.class("lead")) {
                "Ideas put forward by panel members, community champions and other involved people, oldest first. Each one gets an answer the person can read; one taken forward is linked to its initiative and credited there."
            }
            nav(.aria("label", "Which ideas")) {
                ul(.class("tag-list")) {
                    li {
                        status == nil && statusKnown
                            ? strong(.aria("current", "page")) { "All" } : a(.href(IdeaURL.staffIdeas)) { "All" }
                    }
                    for option in IdeaStatus.allCases {
                        li {
                            option == status
                                ? strong(.aria("current", "page")) { option.title }
                                : a(.href(IdeaURL.staffIdeas + "?status=" + option.rawValue)) { option.title }
                        }
                    }
                }
            }
            if ideas.isEmpty {
                p { statusKnown ? "There are none." : "No ideas match." }
            } else {
                DataTable.render(
                    caption: "Ideas", headers: ["Idea", "From", "Put forward", "Status"],
                    rows: ideas.map { idea in
                        [
                            a(.href(IdeaURL.idea(idea.id!))) { idea.title },
                            .text(idea.author.displayName),
                            .text(idea.createdAt.map { DecisionClock.ukDay(of: $0).ukText } ?? "–"),
                            idea.status == .submitted
                                ? strong(.class("tag")) { idea.status.title } : .text(idea.status.title),
                        ]
                    }, captionHidden: true)
                Pagination.links(page: page, pageCount: pageCount) {
                    IdeaURL.staffIdeas + "?" + (status.map { "status=\($0.rawValue)&" } ?? "") + "page=\($0)"
                }
            }
        }
    }

    static func show(
        _ idea: Idea, initiatives: [Initiative], context: PageContext, failure: ValidationFailure?,
        typed: [String: String], notice: String?, version: String
    ) -> String {
        PageLayout.render(context) {
            p { a(.class("back-link"), .href(IdeaURL.staffIdeas)) { "All ideas" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { idea.title }
            DecisionForms.summaryList([
                ("From", .text("\(idea.author.displayName) (\(idea.author.role.title.lowercased()))")),
                (
                    "Credit",
                    .text(idea.creditName + (idea.creditPublicly ? ", on public pages too" : ", not on public pages"))
                ),
                ("Put forward", .text(idea.createdAt.map { DecisionClock.ukDay(of: $0).ukText } ?? "–")),
                ("Status", .text(idea.status.title)),
            ])
            h2 { "The idea" }
            DecisionForms.paragraphs(idea.details)
            if idea.status != .submitted {
                h2 { "The response they have" }
                DecisionForms.paragraphs(idea.response)
                if let initiative = idea.initiative {
                    p {
                        "Taken forward as "
                        a(.href(DecisionURL.initiative(initiative.id!))) { initiative.title }
                        "."
                    }
                }
            }
            h2 { idea.status == .submitted ? "Respond" : "Change the response" }
            HeardWeb.form(.action(IdeaURL.idea(idea.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                EditVersion.hiddenField(version)
                FormComponents.radios(
                    name: "status", legend: "What happens to the idea?",
                    choices: IdeaStatus.answers.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["status"] ?? (idea.status == .submitted ? "" : idea.status.rawValue),
                    failure: failure)
                FormComponents.textArea(
                    name: "response", label: "Response to \(idea.author.displayName)",
                    value: typed["response"] ?? idea.response, failure: failure,
                    hint: "Plain words they will read on their page and by e-mail: what happens next, or why not.",
                    rows: 4)
                FormComponents.selectField(
                    name: "initiative_id", label: "Initiative it became (when taken forward)",
                    choices: initiatives.map { .init(value: $0.id!.uuidString, label: $0.title) },
                    selected: typed["initiative_id"] ?? idea.$initiative.id?.uuidString ?? "", failure: failure,
                    hint: "Start the initiative first if it does not exist yet.", prompt: "None")
                FormComponents.submitButton("Save response")
            }
        }
    }

    /// `redacted`: ideas are checked for personal data when put forward and again when taken forward; one
    /// taken forward before those checks is still shown with any personal data replaced.
    static func published(
        _ ideas: [Idea], redacted: (String) -> String, page: Int, pageCount: Int, context: PageContext
    ) -> String {
        PageLayout.render(context) {
            h1 { "Ideas that were taken forward" }
            p(.class("lead")) {
                "Patients, carers and community members put these ideas forward. Each became a piece of work you can follow."
            }
            if ideas.isEmpty {
                p { "None yet." }
            } else {
                ul(.class("story-list")) {
                    for idea in ideas {
                        li(.class("story")) {
                            h2(.class("story-title")) { redacted(idea.title) }
                            p(.class("story-meta")) {
                                "Idea from \(idea.publicCredit)"
                                    + (idea.respondedAt.map { ", taken forward \(DecisionClock.ukDay(of: $0).ukText)" }
                                        ?? "")
                            }
                            DecisionForms.paragraphs(redacted(idea.details))
                            if let initiative = idea.initiative {
                                p {
                                    "Now part of "
                                    a(.href(DecisionURL.publicInitiative(initiative.id!))) { initiative.title }
                                    " (\(initiative.stage.title.lowercased()))."
                                }
                            }
                        }
                    }
                }
                Pagination.links(page: page, pageCount: pageCount) { IdeaURL.publicIdeas + "?page=\($0)" }
            }
        }
    }
}
