/// An involved person's answer to an invitation to an activity (a panel meeting, a workshop, an event).
public enum InvitationStatus: String, CaseIterable, Codable, Sendable {
    case invited
    case accepted
    case declined

    public var title: String {
        switch self {
        case .invited: "Waiting for your reply"
        case .accepted: "Coming"
        case .declined: "Cannot come"
        }
    }

    /// The reply as staff read it in the activity's list of invitations.
    public var staffTitle: String {
        switch self {
        case .invited: "No reply yet"
        case .accepted: "Coming"
        case .declined: "Cannot come"
        }
    }
}

/// Who can be invited, and what a reply needs: the seed's complaint is involved people only ever asked to
/// "please share this" — here they are invited in person, say what they need to take part, and later see
/// what changed.
public enum InvitationRules {
    public static let accessNeedsLimit = 1000

    public static func inviteProblems(activityOn: SimpleDate, today: SimpleDate, chosen: Int) -> [FieldError] {
        if activityOn < today {
            return [FieldError("people", "This activity has already happened: invite people to a future one.")]
        }
        if chosen == 0 { return [FieldError("people", "Tick at least one person to invite.")] }
        return []
    }

    /// Someone invited without a Heard account (a community member, a carer, a champion): their name and
    /// e-mail address are needed to write to them, and how they like to be contacted is optional.
    public static func guestProblems(
        activityOn: SimpleDate, today: SimpleDate, name: String, email: String, contactPreference: String
    ) -> [FieldError] {
        if activityOn < today {
            return [FieldError("guest_name", "This activity has already happened: invite people to a future one.")]
        }
        var problems: [FieldError] = []
        if name.isEmpty {
            problems.append(FieldError("guest_name", "Enter the name of the person to invite."))
        } else if let problem = TextLimit.problem(name, limit: TextLimit.personName, what: "the name") {
            problems.append(FieldError("guest_name", problem))
        }
        if email.isEmpty {
            problems.append(FieldError("guest_email", "Enter their e-mail address: the invitation is sent to it."))
        } else if !EmailAddress.isPlausible(email) {
            problems.append(
                FieldError("guest_email", "Enter their e-mail address in the correct format, like name@example.com."))
        }
        if let problem = TextLimit.problem(
            contactPreference, limit: TextLimit.contactPreference, what: "how they like to be contacted")
        {
            problems.append(FieldError("guest_contact", problem))
        }
        return problems
    }

    public static func replyProblems(
        activityOn: SimpleDate, today: SimpleDate, reply: InvitationStatus?, accessNeeds: String
    ) -> [FieldError] {
        if activityOn < today {
            return [FieldError("reply", "This activity has already happened, so replies are closed.")]
        }
        var problems: [FieldError] = []
        if reply == nil || reply == .invited {
            problems.append(FieldError("reply", "Say whether you can come."))
        }
        if accessNeeds.count > accessNeedsLimit {
            problems.append(
                FieldError(
                    "access_needs",
                    "Keep what you need to \(accessNeedsLimit.formatted) characters or fewer: it is \(accessNeeds.count.formatted) now. Put the most important first; we will e-mail you to ask about the rest."
                ))
        }
        return problems
    }
}
