import Foundation
import HeardDomain
import HeardStorage

/// What changed about an activity people were invited to: the day, the venue, the kind of activity, and the
/// arrangements made for people to take part. Someone who said they are coming must hear about it.
struct ActivityChange {
    struct Snapshot {
        var date: SimpleDate
        /// "6pm to 8pm"-style, as `ActivityTime` says it; empty when no time was recorded.
        var time: String
        var venue: String
        var kind: ActivityKind
        var access: [String]

        init(_ activity: InvolvementActivity) {
            date = activity.date
            time = ActivityTime.when(activity.date, starts: activity.startTime, ends: activity.endTime)
            venue = activity.venue
            kind = activity.kind
            access = [
                activity.stepFree ? "step-free access" : nil, activity.hearingLoop ? "a hearing loop" : nil,
                activity.interpreters ? "interpreters" : nil, activity.easyRead ? "easy-read materials" : nil,
            ].compactMap { $0 }
        }
    }

    var before: Snapshot
    var after: Snapshot

    /// Arrangements there were before and are not now ("step-free access").
    var removedAccess: [String] { before.access.filter { !after.access.contains($0) } }

    /// Plain sentences, one for each change an invited person needs to know about.
    var lines: [String] {
        var lines: [String] = []
        if before.date != after.date {
            lines.append("The date has changed from \(before.date.ukText) to \(after.date.ukText).")
        }
        if before.date == after.date && before.time != after.time {
            lines.append("The time has changed: it is now \(after.time).")
        }
        if before.venue != after.venue {
            lines.append(
                "The venue has changed from \(Self.venue(before.venue)) to \(Self.venue(after.venue)).")
        }
        if before.kind != after.kind {
            lines.append(
                "It is now \(Self.article(after.kind.title.lowercased())) instead of \(Self.article(before.kind.title.lowercased()))."
            )
        }
        if !removedAccess.isEmpty {
            lines.append("There will no longer be \(Self.join(removedAccess)).")
        }
        return lines
    }

    /// Whether invited people must be told: the day, the venue or the kind changed, or an arrangement they
    /// may be counting on was taken away.
    var tellsInvitees: Bool {
        before.date != after.date || before.time != after.time || before.venue != after.venue
            || before.kind != after.kind
            || !removedAccess.isEmpty
    }

    /// The e-mail to someone invited (`user` loaded): an account holder changes their reply on their own page,
    /// a guest through the link in their invitation (only its hash is kept, so it cannot be sent again here).
    func notice(to invitation: Invitation, activity: InvolvementActivity) -> Notice {
        let access = ActivityViews.accessibility(activity)
        let howToChange =
            invitation.isGuest
            ? "If you can no longer come, or you need something different to take part, use the link in the e-mail that invited you to change your reply."
            : "If you can no longer come, or you need something different to take part, sign in and open \"Your involvement\" to change your reply."
        return Notice(
            to: invitation.inviteeEmail, subject: "Changed: \(activity.title)",
            body: """
                Hello \(invitation.inviteeName),

                Something has changed about \(activity.title), which you were invited to.

                \(lines.joined(separator: "\n"))

                It is now on \(activity.when), \(activity.venue.isEmpty ? "online" : "at \(activity.venue)").
                \(access.isEmpty ? "" : "Arrangements: \(access.joined(separator: ", ")).\n")
                \(howToChange)
                """, kind: "activity_changed")
    }

    /// The e-mail to someone who said on the public page that they are coming: they have no account and no reply
    /// link, so they are told whom to contact if the change means they can no longer come.
    func notice(to signup: ActivitySignup, activity: InvolvementActivity, contact: SiteContact) -> Notice {
        let access = ActivityViews.accessibility(activity)
        let notice = Notice(
            to: signup.email ?? "", subject: "Changed: \(activity.title)",
            body: """
                Hello \(signup.name),

                Something has changed about \(activity.title), which you told us you are coming to.

                \(lines.joined(separator: "\n"))

                It is now on \(activity.when), \(activity.venue.isEmpty ? "online" : "at \(activity.venue)").
                \(access.isEmpty ? "" : "Arrangements: \(access.joined(separator: ", ")).\n")
                If you can no longer come, or you need something different to take part, \(EventSignups.reach(contact)).
                """, kind: "event_signup")
        notice.activityID = activity.id
        return notice
    }

    static func venue(_ venue: String) -> String { venue.isEmpty ? "online" : "\"\(venue)\"" }

    static func article(_ noun: String) -> String {
        ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun
    }

    /// "a, b and c".
    static func join(_ items: [String]) -> String { EnglishList.and(items) }
}
