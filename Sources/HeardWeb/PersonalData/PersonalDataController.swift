import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `/staff/personal-data`: answering a member of the public who asks for a copy of what Heard holds on them,
/// or for it to be erased, as the privacy notice promises. The administrator finds it by the e-mail address
/// or reference the person gives, downloads a copy to send them, or erases it with a recorded reason. Both
/// are audited, with references and counts, never the address.
enum PersonalDataController {
    static let path = "/staff/personal-data"

    struct Typed {
        var email = ""
        var reference = ""
        var reason = ""
        var confirmed = false
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let typed = Typed(
            email: request.query[String.self, at: "email"] ?? "",
            reference: request.query[String.self, at: "reference"] ?? "")
        let notice = Admin.takeFlash(request)
        guard !typed.email.isEmpty || !typed.reference.isEmpty else {
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: nil, failure: nil, context: context(request), notice: notice))
        }
        switch PersonalDataRequest.parse(email: typed.email, reference: typed.reference) {
        case .failure(let problem):
            let failure = ValidationFailure([FieldError(field(of: problem), problem.description)])
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: nil, failure: failure, context: context(request, hasErrors: true), notice: nil),
                status: .unprocessableEntity)
        case .success(let parsed):
            let held = try await PersonalDataHeld.find(parsed, on: request.db)
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: held, failure: nil, context: context(request), notice: notice))
        }
    }

    /// The copy to send the person (right of access): everything found, as JSON.
    @Sendable static func copy(_ request: Request) async throws -> Response {
        let email = request.query[String.self, at: "email"] ?? ""
        let reference = request.query[String.self, at: "reference"] ?? ""
        guard case .success(let parsed) = PersonalDataRequest.parse(email: email, reference: reference) else {
            return request.redirect(to: path)
        }
        let held = try await PersonalDataHeld.find(parsed, on: request.db)
        try await AuditLog.record(
            on: request.db, actor: Admin.actor(request), action: "personal_data.copied", objectType: "person",
            objectID: nil,
            summary: "Copy of personal data made: \(held.summary)\(listed(held.feedback.map(\.item.reference)))")
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.contentDisposition = .init(
            .attachment, filename: "heard-personal-data-\(request.today.iso).json")
        return Response(status: .ok, headers: headers, body: .init(data: try PersonalDataCopy.json(held)))
    }

    /// Erases what the rules allow (right to erasure), after a reason and a tick.
    @Sendable static func erase(_ request: Request) async throws -> Response {
        let typed = Typed(
            email: Admin.secret(request, "email"), reference: Admin.secret(request, "reference"),
            reason: Admin.text(request, "reason").trimmingWhitespace(),
            confirmed: Admin.text(request, "confirm") == "yes")
        let parsed: PersonalDataRequest
        switch PersonalDataRequest.parse(email: typed.email, reference: typed.reference) {
        case .success(let found): parsed = found
        case .failure(let problem):
            // Nothing is erased without knowing whose: say what to enter rather than showing the empty page.
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: nil,
                    failure: ValidationFailure([FieldError(field(of: problem), problem.description)]),
                    context: context(request, hasErrors: true), notice: nil),
                status: .unprocessableEntity)
        }
        var errors: [FieldError] = []
        if let problem = ErasureRules.reasonProblem(typed.reason) {
            errors.append(FieldError("reason", problem))
        } else if let problem = request.listeningEngine.personalDataProblem(in: typed.reason, field: "reason") {
            // The audit log keeps the reason for good: the person's address in it would outlive the erasure.
            errors.append(problem)
        }
        if !typed.confirmed {
            errors.append(FieldError("confirm", "Tick the box to confirm: erased words cannot be brought back."))
        }
        let held = try await PersonalDataHeld.find(parsed, on: request.db)
        guard errors.isEmpty else {
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: held, failure: ValidationFailure(errors),
                    context: context(request, hasErrors: true), notice: nil),
                status: .unprocessableEntity)
        }
        let back = ListPage.path(path, filters: [("reference", parsed.reference ?? "")], page: 1)
        guard held.hasAnythingToErase else {
            Admin.flash(request, "Nothing was erased: what was found has been erased already, or is kept.")
            return request.redirect(to: back)
        }
        let engine = request.listeningEngine
        // Before erasing: the items are erased in place.
        let erasedReferences = held.feedback.filter(\.canBeErased).map(\.item.reference)
        let counts = try await request.db.writeTransaction { db in
            let counts = try await held.erase(on: db, redact: engine.redacted)
            let keptReferences = held.feedback.filter { $0.decision != .erase }.map(\.item.reference)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "personal_data.erased", objectType: "person",
                objectID: nil,
                summary:
                    "Erased at the person's request: \(counts.feedback) feedback\(listed(erasedReferences)), \(counts.responses) consultation responses, \(counts.invitations > 0 ? "\(counts.invitations) invitations, " : "")\(counts.signups > 0 ? "\(counts.signups) event sign-ups, " : "")\(counts.emails) e-mails. Kept as the law or the record requires: \(counts.complaintsKept) complaints\(listed(keptReferences)), \(counts.responsesKept) consultation responses with a published outcome (e-mail address erased, personal details in the answers redacted), \(counts.quotesRedacted) theme quotes (their name or details redacted)\(counts.claimsKept > 0 ? ", \(counts.claimsKept) expense claims (finance records)" : "")",
                changes: [FieldChange("reason", from: nil, to: typed.reason)])
            return counts
        }
        var kept: [String] = []
        if counts.complaintsKept > 0 {
            kept.append("\(Wording.count(counts.complaintsKept, "complaint")) kept whole, as the law requires")
        }
        if counts.claimsKept > 0 {
            kept.append("\(Wording.count(counts.claimsKept, "expense claim")) kept, as finance records")
        }
        if counts.quotesRedacted > 0 {
            kept.append(
                "\(Wording.count(counts.quotesRedacted, "theme quote")) in those consultations kept, with their name or details removed"
            )
        }
        if counts.responsesKept > 0 {
            kept.append(
                "\(Wording.count(counts.responsesKept, "consultation response")) to a consultation whose outcome is published kept, with the e-mail address erased and names, phone numbers and addresses in the answers removed"
            )
        }
        Admin.flash(
            request,
            "Erased: "
                + EnglishList.and(
                    [
                        Wording.count(counts.feedback, "piece of feedback", "pieces of feedback"),
                        Wording.count(counts.responses, "consultation response"),
                    ] + (counts.invitations > 0 ? [Wording.count(counts.invitations, "invitation")] : [])
                        + (counts.signups > 0 ? [Wording.count(counts.signups, "event sign-up")] : [])
                        + [Wording.count(counts.emails, "e-mail")]) + "."
                + (kept.isEmpty
                    ? "" : " " + EnglishList.and(kept).prefix(1).uppercased() + EnglishList.and(kept).dropFirst() + ".")
        )
        return request.redirect(to: back)
    }

    /// " (HRD-A, HRD-B)", or "" for none.
    private static func listed(_ references: [String]) -> String {
        references.isEmpty ? "" : " (" + references.joined(separator: ", ") + ")"
    }

    private static func field(of problem: PersonalDataRequest.Problem) -> String {
        switch problem {
        case .nothingToSearch, .implausibleEmail: "email"
        case .implausibleReference: "reference"
        }
    }

    private static func context(_ request: Request, hasErrors: Bool = false) -> PageContext {
        PageContext(request, title: "Requests about personal data", hasErrors: hasErrors)
    }
}

/// The copy of a person's data, as a JSON document they can read or load: what they wrote, how to reach them,
/// what happened to it, and the e-mails sent to them.
enum PersonalDataCopy {
    static func json(_ held: PersonalDataHeld) throws -> Data {
        let dates = ISO8601DateFormatter()
        func date(_ value: Date?) -> String? { value.map { dates.string(from: $0) } }
        let document: [String: Any] = [
            "about":
                "What Heard holds on you: feedback you gave, consultation responses, invitations to activities, sign-ups to events, expense claims and e-mails sent to you.",
            "feedback": held.feedback.map { entry -> [String: Any] in
                let item = entry.item
                var row: [String: Any] = [
                    "reference": item.reference, "received": date(item.receivedAt) ?? "",
                    "service": item.service.name, "how_it_came": item.channel.rawValue, "status": item.status.title,
                    "what_you_wrote": item.story, "what_was_good": item.whatWasGood,
                    "what_could_be_better": item.couldBeBetter, "name": item.contactName ?? "",
                    "email": item.contactEmail ?? "", "phone": item.contactPhone ?? "",
                    "published_text": item.publishedText ?? "",
                    "replies": entry.replies.map {
                        ["written": date($0.createdAt) ?? "", "reply": $0.body, "signed": $0.signature]
                    },
                ]
                if let complaint = entry.complaint {
                    let kept: [String: Any] = [
                        "received_on": complaint.receivedOn, "acknowledged_on": complaint.acknowledgedOn ?? "",
                        "complainant_type": complaint.complainantType,
                        "representative_relationship": complaint.representativeRelationship,
                        "representative_basis": complaint.representativeBasis ?? "",
                        "responded_on": complaint.respondedOn ?? "", "conclusions": complaint.conclusions,
                        // Each response or closure before it was reopened, as sent.
                        "earlier_responses": ComplaintFollowUpPages.sortedReopenings(complaint).map {
                            [
                                "responded_on": $0.previousRespondedOn ?? "", "closed_on": $0.previousClosedOn ?? "",
                                "outcome": $0.previousOutcome ?? "", "conclusions": $0.previousConclusions,
                                "what_is_put_right": $0.previousRemedialAction, "reopened_on": $0.reopenedOn,
                            ]
                        },
                    ]
                    row["complaint"] = kept
                }
                return row
            },
            "consultation_responses": held.responses.map { entry -> [String: Any] in
                let answers = entry.response.answerMap
                return [
                    "consultation": entry.consultation.title, "sent": date(entry.response.createdAt) ?? "",
                    "email": entry.response.contactEmail ?? "",
                    "on_behalf_of": entry.response.onBehalfOf ?? "",
                    "answers": entry.questions.compactMap { question -> [String: String]? in
                        guard
                            let answer = question.id.flatMap({
                                answers[$0.uuidString.lowercased()] ?? answers[$0.uuidString]
                            })
                        else { return nil }
                        return ["question": question.text, "answer": answer]
                    },
                ]
            },
            "invitations": held.invitations.map { invitation -> [String: Any] in
                [
                    "activity": invitation.activity.title, "date": invitation.activity.heldOn,
                    "invited": date(invitation.createdAt) ?? "", "name": invitation.guestName ?? "",
                    "email": invitation.guestEmail ?? "", "how_you_like_to_be_contacted": invitation.guestContact ?? "",
                    "reply": invitation.status.title, "what_you_need_to_take_part": invitation.accessNeeds,
                    "replied": date(invitation.repliedAt) ?? "",
                ]
            },
            "expense_claims": held.claims.map { claim -> [String: Any] in
                [
                    "activity": claim.invitation.activity.title, "date": claim.invitation.activity.heldOn,
                    "claimed": date(claim.createdAt) ?? "",
                    "lines": claim.orderedLines.map { line -> [String: Any] in
                        [
                            "kind": line.kind.title, "amount": Pence.plain(line.pence),
                            "miles": line.tenthsOfMile.map(ExpenseLine.milesText) ?? "", "note": line.note,
                        ]
                    },
                    "wants_involvement_payment": claim.wantsPayment.map { $0 ? "yes" : "no" } ?? "",
                    "involvement_payment": claim.paymentPence.map(Pence.plain) ?? "",
                    "total": Pence.plain(claim.totalPence), "status": claim.status.title,
                    "reason_not_approved": claim.rejectionReason ?? "", "paid_on": claim.paidOn ?? "",
                ]
            },
            "event_sign_ups": held.signups.map { signup -> [String: Any] in
                [
                    "event": signup.activity.title, "date": signup.activity.heldOn,
                    "signed_up": date(signup.createdAt) ?? "", "name": signup.name, "email": signup.email ?? "",
                    "phone": signup.phone ?? "", "people": signup.people,
                    "what_you_need_to_take_part": signup.accessNeeds,
                ]
            },
            "emails": held.emails.map { notice -> [String: Any] in
                [
                    "written": date(notice.createdAt) ?? "", "to": notice.toAddress, "subject": notice.subject,
                    "text": notice.body, "status": notice.status.rawValue,
                ]
            },
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }
}
