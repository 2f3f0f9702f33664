import Fluent
import FluentSQL
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// Everything Heard holds that was given by, or sent to, the person a request is about: their feedback (with
/// its replies and any complaint), their consultation responses, invitations to activities, sign-ups to events,
/// the e-mails sent to them, and an account at the address with what hangs on it: its invitations, ideas, expense
/// claims, board memberships and the interests declared there.
///
/// E-mail addresses are matched without regard to case, by a scan: requests are rare and an index on every
/// contact column would cost every insert. Feedback and answers that carry the address in their words (given
/// there rather than as the contact address) are found too, marked so staff check they are the person's.
/// Equality monitoring answers are never linked to a person, so there is nothing of theirs to find there.
struct PersonalDataHeld {
    struct Feedback {
        var item: FeedbackItem
        var replies: [FeedbackReply]
        var complaint: Complaint?
        /// Found by the address written in its words, not given as the contact address.
        var foundInText = false
        var decision: ErasureRules.Decision { ErasureRules.feedback(becameComplaint: complaint != nil) }
        /// Erased by an earlier request (found again by its reference).
        var isErased: Bool { item.story == ErasureRules.erasedText }
        var canBeErased: Bool { decision == .erase && !isErased }
    }

    /// The address an erased e-mail keeps in place of the person's.
    static let erasedAddress = "[erased]"

    struct Response {
        var response: SurveyResponse
        var consultation: Consultation
        var questions: [SurveyQuestion]
        var foundInText = false
        var decision: ErasureRules.Decision {
            ErasureRules.consultationResponse(outcomePublished: consultation.analysisPublishedAt != nil)
        }
    }

    /// An account at the address. An involved person's is switched off with its name and address erased; a
    /// staff account is closed on the Users page.
    struct Account {
        var user: User
        /// Expense claims hang on it: the name stays with those finance records.
        var keepsName = false
        var decision: ErasureRules.Decision { ErasureRules.account(isStaff: user.role != .involvedPerson) }
    }

    /// A seat on a board or panel, by the account or by the address it was given (with the board), and the
    /// interests declared there: the register is a public record, so both are kept.
    struct Membership {
        var member: BoardMember
        var declarations: [InterestDeclaration]
    }

    /// The domain the address of an erased account is moved to: unique, and never delivered.
    static let erasedAccountDomain = "erased.invalid"

    var request: PersonalDataRequest
    var accounts: [Account] = []
    var memberships: [Membership] = []
    /// Ideas the account put forward (with the initiative they became).
    var ideas: [Idea] = []
    var feedback: [Feedback]
    var responses: [Response]
    /// Invitations to activities (with their activity and account): as a guest without an account (a name, the
    /// address, how they like to be contacted), or to the account; the reply and what they need to take part.
    var invitations: [Invitation] = []
    /// Sign-ups to events from the public page (with their activity) not yet cleared after the event.
    var signups: [ActivitySignup] = []
    /// Expense claims made with an account at this address (with their lines and activity). They are finance
    /// records, so they are in the copy but kept on erasure, as the account's invitations are.
    var claims: [ExpenseClaim] = []
    var emails: [Notice]

    var declarations: [InterestDeclaration] { memberships.flatMap(\.declarations) }

    var isEmpty: Bool {
        accounts.isEmpty && memberships.isEmpty && ideas.isEmpty && feedback.isEmpty && responses.isEmpty
            && invitations.isEmpty && signups.isEmpty && claims.isEmpty && emails.isEmpty
    }

    /// An idea erased by an earlier request.
    static func isErased(_ idea: Idea) -> Bool { idea.title == ErasureRules.erasedText }

    static func decision(_ idea: Idea) -> ErasureRules.Decision {
        ErasureRules.idea(takenForward: idea.status == .takenForward || idea.$initiative.id != nil)
    }

    /// Whether erasing changes the invitation: a guest's goes whole; an account's loses what they need.
    static func changesOnErasure(_ invitation: Invitation) -> Bool {
        invitation.isGuest || !invitation.accessNeeds.isEmpty
    }

    /// What erasing does to an e-mail sent, or waiting to go, to them. One about feedback that is kept (a
    /// complaint) is part of that record and stays with it; one waiting to go is then still sent.
    enum EmailFate: Equatable {
        case alreadyErased, keptWithComplaint, cancelled, erased
    }

    func fate(of notice: Notice) -> EmailFate {
        if notice.toAddress == Self.erasedAddress { return .alreadyErased }
        let kept = Set(feedback.filter { $0.decision != .erase }.compactMap(\.item.id))
        if let about = notice.feedbackID, kept.contains(about) { return .keptWithComplaint }
        return notice.status == .queued || notice.status == .sending ? .cancelled : .erased
    }

    /// Whether an erasure would change anything: not when all that was found was erased before, or is kept.
    var hasAnythingToErase: Bool {
        feedback.contains(where: \.canBeErased) || !responses.isEmpty
            || invitations.contains(where: Self.changesOnErasure) || !signups.isEmpty
            || emails.contains { fate(of: $0) == .cancelled || fate(of: $0) == .erased }
            || accounts.contains { $0.decision == .erase }
            || ideas.contains { !Self.isErased($0) && ($0.creditName != "" || Self.decision($0) == .erase) }
    }

    /// "2 pieces of feedback, 1 consultation response, 1 invitation and 3 e-mails"
    var summary: String {
        let parts = [
            accounts.isEmpty ? nil : Wording.count(accounts.count, "account"),
            memberships.isEmpty ? nil : Wording.count(memberships.count, "board or panel membership"),
            declarations.isEmpty
                ? nil : Wording.count(declarations.count, "declaration of interests", "declarations of interests"),
            ideas.isEmpty ? nil : Wording.count(ideas.count, "idea"),
            feedback.isEmpty ? nil : Wording.count(feedback.count, "piece of feedback", "pieces of feedback"),
            responses.isEmpty ? nil : Wording.count(responses.count, "consultation response"),
            invitations.isEmpty ? nil : Wording.count(invitations.count, "invitation"),
            signups.isEmpty ? nil : Wording.count(signups.count, "event sign-up"),
            claims.isEmpty ? nil : Wording.count(claims.count, "expense claim"),
            emails.isEmpty ? nil : Wording.count(emails.count, "e-mail"),
        ].compactMap { $0 }
        return parts.isEmpty ? "nothing" : EnglishList.and(parts)
    }

    static func find(_ request: PersonalDataRequest, on db: any Database) async throws -> PersonalDataHeld {
        var items: [FeedbackItem] = []
        var inText: Set<UUID> = []
        if let email = request.email {
            items += try await FeedbackItem.query(on: db).filter(lowered("contact_email", FeedbackItem.schema, email))
                .with(\.$service).sort(\.$receivedAt).all()
            let known = Set(items.compactMap(\.id))
            let written = try await rowIDs(
                in: FeedbackItem.schema, columns: ["story", "what_was_good", "could_be_better"], containing: email,
                on: db
            ).filter { !known.contains($0) }
            if !written.isEmpty {
                items += try await FeedbackItem.query(on: db).filter(\.$id ~~ written).with(\.$service)
                    .sort(\.$receivedAt).all()
                inText = Set(written)
            }
        }
        if let reference = request.reference, !items.contains(where: { $0.reference == reference }) {
            items += try await FeedbackItem.query(on: db).filter(\.$reference == reference).with(\.$service).all()
        }
        let ids = items.compactMap(\.id)
        let replies = ids.isEmpty ? [] : try await FeedbackReply.query(on: db).filter(\.$feedback.$id ~~ ids).all()
        let complaints =
            ids.isEmpty
            ? [] : try await Complaint.query(on: db).filter(\.$feedback.$id ~~ ids).with(\.$reopenings).all()
        let feedback = items.map { item in
            Feedback(
                item: item,
                replies: replies.filter { $0.$feedback.id == item.id }.sorted {
                    $0.createdAt ?? .distantPast < $1.createdAt ?? .distantPast
                },
                complaint: complaints.first { $0.$feedback.id == item.id },
                foundInText: inText.contains(item.id!))
        }

        var responses: [Response] = []
        if let email = request.email {
            var found = try await SurveyResponse.query(on: db)
                .filter(lowered("contact_email", SurveyResponse.schema, email)).with(\.$consultation).all()
            let known = Set(found.compactMap(\.id))
            let written = try await rowIDs(in: SurveyResponse.schema, columns: ["answers"], containing: email, on: db)
                .filter { !known.contains($0) }
            if !written.isEmpty {
                found += try await SurveyResponse.query(on: db).filter(\.$id ~~ written).with(\.$consultation).all()
            }
            let consultationIDs = Set(found.map { $0.$consultation.id })
            let questions =
                consultationIDs.isEmpty
                ? [] : try await SurveyQuestion.query(on: db).filter(\.$consultation.$id ~~ consultationIDs).all()
            responses = found.map { response in
                Response(
                    response: response, consultation: response.consultation,
                    questions: questions.filter { $0.$consultation.id == response.$consultation.id }
                        .sorted { $0.position < $1.position },
                    foundInText: written.contains(response.id!))
            }
        }

        var accounts: [Account] = []
        var memberships: [Membership] = []
        var ideas: [Idea] = []
        var invitations: [Invitation] = []
        if let email = request.email {
            let users = try await User.query(on: db).filter(lowered("email", User.schema, email)).all()
            let userIDs = users.compactMap(\.id)
            invitations = try await Invitation.query(on: db)
                .group(.or) {
                    $0.filter(lowered("guest_email", Invitation.schema, email))
                    if !userIDs.isEmpty { $0.filter(\.$user.$id ~~ userIDs) }
                }
                .with(\.$activity).with(\.$user).sort(\.$createdAt).all()
            if !userIDs.isEmpty {
                ideas = try await Idea.query(on: db).filter(\.$author.$id ~~ userIDs).with(\.$initiative)
                    .sort(\.$createdAt).all()
            }
            let members = try await BoardMember.query(on: db)
                .group(.or) {
                    $0.filter(lowered("email", BoardMember.schema, email))
                    if !userIDs.isEmpty { $0.filter(\.$account.$id ~~ userIDs) }
                }
                .with(\.$board).with(\.$declarations).sort(\.$appointedOn).all()
            memberships = members.map { member in
                Membership(member: member, declarations: member.declarations.sorted { $0.declaredOn < $1.declaredOn })
            }
            let claimants =
                userIDs.isEmpty
                ? [] : try await ExpenseClaim.query(on: db).filter(\.$user.$id ~~ userIDs).all().map { $0.$user.id }
            accounts = users.map { Account(user: $0, keepsName: claimants.contains($0.id!)) }
        }

        var signups: [ActivitySignup] = []
        if let email = request.email {
            signups = try await ActivitySignup.query(on: db).filter(lowered("email", ActivitySignup.schema, email))
                .filter(\.$anonymisedAt == nil).with(\.$activity).sort(\.$createdAt).all()
        }

        var claims: [ExpenseClaim] = []
        if !accounts.isEmpty {
            claims = try await ExpenseClaim.query(on: db).filter(\.$user.$id ~~ accounts.compactMap(\.user.id))
                .with(\.$lines).with(\.$invitation) { $0.with(\.$activity) }.sort(\.$createdAt).all()
        }

        var emails: [Notice] = []
        if let email = request.email {
            emails = try await Notice.query(on: db).filter(lowered("to_address", Notice.schema, email))
                .sort(\.$createdAt).all()
        }
        // E-mails to them about their feedback (a reply, "we did") even when only the reference was given. Only
        // those sent to the address they gave: the alerts staff were sent about it are staff's mail, not theirs
        // (and carry only the reference), so they are neither in the copy nor erased with it.
        if !ids.isEmpty {
            let known = Set(emails.compactMap(\.id))
            let theirs = Set(feedback.compactMap { $0.item.contactEmail.map(EmailAddress.normalised) })
            emails += try await Notice.query(on: db).filter(\.$feedbackID ~~ ids).sort(\.$createdAt).all()
                .filter {
                    !known.contains($0.id!)
                        && ($0.toAddress == Self.erasedAddress
                            || theirs.contains(EmailAddress.normalised($0.toAddress)))
                }
        }
        return PersonalDataHeld(
            request: request, accounts: accounts, memberships: memberships, ideas: ideas, feedback: feedback,
            responses: responses, invitations: invitations, signups: signups,
            claims: claims, emails: emails)
    }

    /// What an erasure did: erased, and kept because the law or the record needs it.
    struct Erasure {
        var feedback = 0
        var responses = 0
        /// Responses to consultations whose outcome is published: e-mail address erased, the answers kept with
        /// the personal details in them redacted.
        var responsesKept = 0
        var invitations = 0
        var signups = 0
        var emails = 0
        /// E-mails about a complaint that is kept, kept with it (one waiting to go is still sent).
        var emailsKept = 0
        /// Feedback that became a complaint, kept whole.
        var complaintsKept = 0
        /// Staff-written theme quotes in those consultations that held the person's name or details.
        var quotesRedacted = 0
        /// Expense claims, kept as finance records.
        var claimsKept = 0
        /// Involved people's accounts switched off, with their name (unless claims need it) and address erased.
        var accounts = 0
        /// Of those, accounts whose name stays with their expense claims.
        var accountNamesKept = 0
        /// Staff accounts, left for the Users page.
        var staffAccountsKept = 0
        var ideas = 0
        /// Ideas taken forward: the words kept, the name for the credit removed.
        var ideasKept = 0
        /// Invitations to an account, kept as the record of who took part, with what they need erased.
        var needsErased = 0
        /// Board memberships and declarations of interests, kept as the public register.
        var membershipsKept = 0
        var declarationsKept = 0
    }

    /// Erases what the rules allow, on the caller's transaction (which audits the reason). `redact` removes
    /// personal details from answers that must be kept.
    func erase(
        on db: any Database, now: Date = Date(), redact redactDetails: (String) -> String
    ) async throws -> Erasure {
        // Names the patterns cannot find ("for Zelda Quibble") are found by the name the address holds.
        let name = request.nameInAddress
        func redact(_ text: String) -> String { OwnName.redact(name, in: redactDetails(text)) }
        let erased = ErasureRules.erasedText
        var counts = Erasure()
        counts.complaintsKept = feedback.filter { $0.decision != .erase }.count
        counts.claimsKept = claims.count
        counts.membershipsKept = memberships.count
        counts.declarationsKept = declarations.count
        for account in accounts {
            guard account.decision == .erase else {
                counts.staffAccountsKept += 1
                continue
            }
            let user = account.user
            user.isActive = false
            // Signed out everywhere, and no password or reset link works again.
            user.sessionEpoch += 1
            user.passwordHash = ""
            user.lastSignInAt = nil
            user.email = "erased-\(user.id!.uuidString.lowercased())@\(Self.erasedAccountDomain)"
            if account.keepsName { counts.accountNamesKept += 1 } else { user.displayName = erased }
            try await user.update(on: db)
            try await PasswordReset.query(on: db).filter(\.$user.$id == user.id!).delete()
            counts.accounts += 1
        }
        for idea in ideas where !Self.isErased(idea) {
            if Self.decision(idea) == .erase {
                idea.title = erased
                idea.details = ""
                idea.response = ""
                counts.ideas += 1
            } else {
                guard idea.creditName != "" else { continue }
                idea.title = redact(idea.title)
                idea.details = redact(idea.details)
                counts.ideasKept += 1
            }
            idea.creditName = ""
            idea.creditPublicly = false
            try await idea.update(on: db)
        }
        for entry in feedback where entry.canBeErased {
            let item = entry.item
            item.story = erased
            item.whatWasGood = ""
            item.couldBeBetter = ""
            item.redactedText = erased
            item.contactName = nil
            item.contactEmail = nil
            item.contactPhone = nil
            item.wantsReply = false
            item.needsAnswer = false
            item.submitterHash = nil
            if item.status == .published {
                item.status = .withdrawn
                item.withdrawnAt = now
                item.withdrawalReason = "Erased at the person's request."
            }
            item.publishedText = nil
            try await item.update(on: db)
            counts.feedback += 1
        }
        for entry in responses {
            let response = entry.response
            response.contactEmail = nil
            if entry.decision == .erase {
                response.answers = "{}"
                response.redactedText = erased
                // Before the outcome is out nothing is published: who it spoke for goes with the words.
                response.respondingAs = OnBehalfOf.individual
                response.onBehalfOf = nil
                counts.responses += 1
            } else {
                // Part of the published record of the decision: the words stay, but not the name, phone number
                // or address someone wrote into them.
                response.answers = SurveyResponse.encode(response.answerMap.mapValues(redact))
                response.redactedText = redact(response.redactedText)
                counts.responsesKept += 1
            }
            try await response.update(on: db)
        }
        // Quotes staff chose for a theme may be the person's words, published with the outcome.
        let consultationIDs = Set(responses.map { $0.response.$consultation.id })
        if !consultationIDs.isEmpty {
            for theme in try await ConsultationTheme.query(on: db).filter(\.$consultation.$id ~~ consultationIDs).all()
            {
                let quote = redact(theme.quote)
                guard quote != theme.quote else { continue }
                theme.quote = quote
                try await theme.update(on: db)
                counts.quotesRedacted += 1
            }
        }
        // An invitation as a guest is only contact details and a reply: it goes whole. What it says about
        // the activity (how many came) is kept on the activity. An account's invitation is the record of who took
        // part (and expense claims hang on it): it stays, but what they need, which can be about their health, goes.
        for invitation in invitations {
            if invitation.isGuest {
                try await invitation.delete(on: db)
                counts.invitations += 1
            } else if !invitation.accessNeeds.isEmpty {
                invitation.accessNeeds = ""
                try await invitation.update(on: db)
                counts.needsErased += 1
            }
        }
        // A sign-up to an event is cleared as it would be after the event: the number of people stays counted.
        for signup in signups {
            signup.anonymise(at: now)
            try await signup.update(on: db)
            counts.signups += 1
        }
        for notice in emails {
            switch fate(of: notice) {
            case .alreadyErased: continue
            case .keptWithComplaint:
                counts.emailsKept += 1
                continue
            case .cancelled:
                // Not sent yet: an e-mail to someone who asked to be forgotten is not sent at all.
                try await notice.delete(on: db)
            case .erased:
                notice.toAddress = Self.erasedAddress
                notice.body = erased
                try await notice.update(on: db)
            }
            counts.emails += 1
        }
        return counts
    }

    /// `LOWER(column) = value` (value already lower case), the same on SQLite and PostgreSQL.
    /// Ids of the rows of `table` where any of `columns` contains `text`, without regard to case (a scan, as
    /// for the contact columns).
    private static func rowIDs(
        in table: String, columns: [String], containing text: String, on db: any Database
    ) async throws -> [UUID] {
        // `%`, `_` and the escape itself are literal in the address, not wildcards.
        let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        var condition = SQLQueryString("")
        for (index, column) in columns.enumerated() {
            if index > 0 { condition = condition + " OR " }
            condition = condition + "LOWER(\(ident: column)) LIKE \(bind: pattern) ESCAPE '\\'"
        }
        let sql = db as! any SQLDatabase
        return try await sql.raw("SELECT id FROM \(ident: table) WHERE " + condition).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
    }

    private static func lowered(_ column: String, _ table: String, _ value: String) -> DatabaseQuery.Filter {
        .sql(
            SQLBinaryExpression(
                left: SQLFunction("LOWER", args: SQLColumn(column, table: table)), op: SQLBinaryOperator.equal,
                right: SQLBind(value)))
    }
}
