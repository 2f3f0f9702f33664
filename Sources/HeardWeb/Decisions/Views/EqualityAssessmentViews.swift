import HeardDomain
import HeardStorage
import Vapor

enum EqualityAssessmentViews {
    /// `versions`: the earlier versions kept after reviews. `version`: the `EditVersion` a refused form was opened
    /// with; otherwise the assessment's as stored.
    static func form(
        _ request: Request, bundle: InitiativeBundle, typed: EqualityAssessmentController.Typed,
        engagement: [String: String], failure: ValidationFailure?, notice: String?,
        versions: [EqualityAssessmentVersion] = [], version: String? = nil
    ) -> String {
        let isReview = EqualityAssessmentController.isReview(bundle)
        let heading = "Equality impact assessment"
        let id = bundle.initiative.id!
        return PageLayout.render(PageContext(request, title: heading, hasErrors: failure != nil)) {
            p { a(.class("back-link"), .href(DecisionURL.initiative(id))) { "Back to the initiative" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { heading }
            p(.class("lead")) { bundle.initiative.title }
            p {
                "Due regard to the Public Sector Equality Duty (Equality Act 2010 s149) must be had before and at the time of the decision, and recorded. The engagement boxes are filled in from who responded when they are empty; when they already hold words, what the monitoring forms show now is given under each box. Check and add to them."
            }
            if isReview, let decision = bundle.decision {
                div(.class("panel")) {
                    p {
                        "The decision was made at the meeting on \(SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn). The duty continues after it: record a review here when the review date comes or something changes. Each version is kept and published beside the new one, so the record of the regard had at the decision stays whole."
                    }
                    if !versions.isEmpty {
                        p {
                            "Earlier versions kept: \(versions.count). "
                            a(.href(DecisionURL.publicAssessment(id))) { "See them on the public page" }
                        }
                    }
                }
            }
            HeardWeb.form(.action(DecisionURL.eia(id)), .method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                if let assessment = bundle.assessment {
                    EditVersion.hiddenField(
                        version ?? EditVersion.of(EqualityAssessmentController.editable(assessment)))
                }
                if isReview {
                    FormComponents.textArea(
                        name: "review_reason", label: "What the review found, and why the assessment changes",
                        value: typed.reviewReason, failure: failure,
                        hint:
                            "Published with the assessment, for example: \"Six months on, fewer disabled people use the new clinic: added transport support.\"",
                        rows: 3)
                }
                FormComponents.textArea(
                    name: "who_affected", label: "The proposal and who it affects", value: typed.whoAffected,
                    failure: failure, rows: 3)
                for c in EqualityAssessmentController.characteristics {
                    let s = EqualityAssessmentController.slug(c)
                    let entry =
                        typed.entries[c.rawValue]
                        ?? .init(
                            evidence: "", engagement: engagement[c.rawValue] ?? "", impact: "", mitigations: "",
                            actions: "")
                    fieldset(.class("fieldset panel")) {
                        legend(.class("legend")) { c.title }
                        FormComponents.textArea(
                            name: "evidence-" + s, label: "Evidence (or why there is none)", value: entry.evidence,
                            failure: failure, rows: 2)
                        // The figures as they stand now, beside words written earlier, so a box filled in before
                        // more people answered is checked against them.
                        let now = engagement[c.rawValue] ?? ""
                        FormComponents.textArea(
                            name: "engagement-" + s, label: "Engagement that reached this group",
                            value: entry.engagement, failure: failure,
                            hint: now.isEmpty || entry.engagement.contains(now)
                                ? nil : "What the monitoring forms show now: " + now,
                            rows: 2)
                        FormComponents.selectField(
                            name: "impact-" + s, label: "Likely impact", choices: EqualityAssessmentController.impacts,
                            selected: entry.impact, failure: failure, prompt: "Choose")
                        FormComponents.textArea(
                            name: "mitigations-" + s, label: "Mitigations", value: entry.mitigations, failure: failure,
                            rows: 2)
                        FormComponents.textArea(
                            name: "actions-" + s, label: "Actions", value: entry.actions, failure: failure, rows: 2)
                    }
                }
                DecisionForms.radios(
                    name: "status", legend: "Status",
                    choices: [
                        .init(value: EIAStatus.draft.rawValue, label: "Draft"),
                        .init(value: EIAStatus.signedOff.rawValue, label: "Signed off"),
                    ], selected: typed.status, failure: failure)
                FormComponents.textField(
                    name: "signed_off_by", label: "Signed off by (name and role)", value: typed.signedOffBy,
                    failure: failure, required: false)
                FormComponents.textField(
                    name: "review_on", label: "Review date", value: typed.reviewOn, failure: failure, type: "date",
                    required: false, width: "medium")
                FormComponents.submitButton(isReview ? "Save the review" : "Save assessment")
            }
        }
    }
}
