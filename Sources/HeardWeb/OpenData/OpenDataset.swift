import HeardDomain

/// The datasets anyone may download from `/open-data`: what each holds and what each column means.
///
/// Only what the public pages already show is published: redacted, moderated story text, public replies,
/// actions, approved decisions, indicators and the register of interests. Contact details, original text,
/// unpublished feedback, complaints and equality monitoring answers are never in any of them.
enum OpenDataset: String, CaseIterable, Sendable {
    case stories
    case replies
    case actions
    case loopClosure = "loop-closure"
    case fftResults = "fft-results"
    case decisions
    case indicators
    case registerOfInterests = "register-of-interests"

    struct Column: Sendable {
        var name: String
        var meaning: String
    }

    var fileName: String { "heard-\(rawValue).csv" }
    var path: String { "\(OpenDataURL.page)/\(rawValue).csv" }
    var header: [String] { columns.map(\.name) }

    var title: String {
        switch self {
        case .stories: "Published stories"
        case .replies: "Replies to stories"
        case .actions: "You said, we did: actions"
        case .loopClosure: "Closing the loop, by area"
        case .fftResults: "Friends and Family Test results, by service and month"
        case .decisions: "Decisions"
        case .indicators: "Indicators per place"
        case .registerOfInterests: "Register of interests"
        }
    }

    var summary: String {
        switch self {
        case .stories:
            "Every story people agreed to publish, as published: personal details taken out and checked by a moderator. One row per story."
        case .replies:
            "Every public reply to a published story. One row per reply, joined to its story by the reference."
        case .actions:
            "Every change promised or made because of what people said, with its status. One row per action."
        case .loopClosure:
            "For the whole system, each organisation and each place: how much feedback that needed an answer got one, how fast, and how much led to an action. Over the last 4 weeks and the last 12 months."
        case .fftResults:
            "For each of the last 12 whole months and each service: how many people answered each Friends and Family Test answer, and the shares NHS England publishes. One row per service per month, services that collected nothing included."
        case .decisions:
            "Every decision made through Heard, with its meeting, outcome and the consultation behind it. One row per decision."
        case .indicators:
            "The figures tracked for each place over time (for example care plans or waiting times), with their source. One row per figure."
        case .registerOfInterests:
            "Everyone who sits on a board or panel today and the interests they declared in the last year or that still stand. One row per declaration."
        }
    }

    var columns: [Column] {
        switch self {
        case .stories:
            [
                .init(name: "reference", meaning: "The story's reference, as on its page."),
                .init(name: "published_on", meaning: "The day it was published (YYYY-MM-DD, UK time)."),
                .init(name: "organisation", meaning: "The organisation that runs the service."),
                .init(name: "place", meaning: "The place (locality) of the service."),
                .init(name: "service", meaning: "The service the story is about."),
                .init(
                    name: "fft_rating",
                    meaning:
                        "The Friends and Family Test answer: 1 very good to 5 very poor, 6 don't know; blank if not given."
                ),
                .init(
                    name: "themes",
                    meaning:
                        "Themes found in the story (NHS England patient-experience framework v6), separated by semicolons."
                ),
                .init(
                    name: "sentiment", meaning: "1 very positive to 5 very negative, 3 mixed; blank for no comment."),
                .init(
                    name: "relational_care",
                    meaning:
                        "Compassion, dignity, listening or coordination, when the story is about them; separated by semicolons."
                ),
                .init(name: "text", meaning: "The published text."),
                .init(name: "replies", meaning: "How many public replies it has had (see the replies dataset)."),
                .init(name: "first_reply_on", meaning: "The day of the first reply; blank if none yet."),
                .init(name: "url", meaning: "The story's page."),
            ]
        case .replies:
            [
                .init(name: "story_reference", meaning: "The story replied to (see the stories dataset)."),
                .init(name: "replied_on", meaning: "The day of the reply (YYYY-MM-DD, UK time)."),
                .init(name: "signed", meaning: "How the reply was signed, as shown on the page."),
                .init(name: "text", meaning: "The reply."),
            ]
        case .actions:
            [
                .init(name: "you_said", meaning: "What people said that led to the action."),
                .init(name: "we_will_or_did", meaning: "The action."),
                .init(name: "status", meaning: "Planned, In progress, Done or Not possible."),
                .init(name: "outcome", meaning: "What changed, or why it was not possible."),
                .init(name: "organisation", meaning: "The organisation responsible."),
                .init(name: "place", meaning: "The place it is about; blank for the whole organisation."),
                .init(name: "service", meaning: "The service it is about; blank if none."),
                .init(name: "theme", meaning: "The theme of feedback it answers; blank if none."),
                .init(name: "due_on", meaning: "When it is due (YYYY-MM-DD)."),
                .init(name: "closed_on", meaning: "When it was done or found not possible; blank while open."),
                .init(name: "feedback_linked", meaning: "How many pieces of feedback it answers."),
                .init(name: "updates", meaning: "How many progress updates it has had."),
            ]
        case .loopClosure:
            [
                .init(name: "area_type", meaning: "system, organisation or place."),
                .init(name: "area", meaning: "The area's name."),
                .init(name: "period", meaning: "last 4 weeks or last 12 months (by the day feedback was published)."),
                .init(name: "needing_answer", meaning: "Published feedback that needed an answer."),
                .init(name: "replied", meaning: "Of those, how many have had a reply."),
                .init(name: "reply_rate_percent", meaning: "replied as a percentage of needing_answer; blank if none."),
                .init(name: "median_days_to_reply", meaning: "Middle time from publication to first reply, in days."),
                .init(name: "linked_to_action", meaning: "Of those needing an answer, how many led to an action."),
                .init(name: "action_rate_percent", meaning: "linked_to_action as a percentage of needing_answer."),
                .init(
                    name: "median_days_to_we_did",
                    meaning: "Middle time from receiving feedback to the action it led to being done, in days."),
                .init(name: "actions", meaning: "Actions in the area, whatever their age."),
                .init(name: "actions_closed", meaning: "Of those, how many are done or found not possible."),
            ]
        case .decisions:
            [
                .init(name: "decision", meaning: "What was decided."),
                .init(name: "initiative", meaning: "The proposal the decision is about."),
                .init(name: "meeting", meaning: "The meeting that made it."),
                .init(name: "meeting_on", meaning: "The day of the meeting (YYYY-MM-DD)."),
                .init(name: "outcome", meaning: "The outcome recorded."),
                .init(name: "approved_on", meaning: "The day it was approved through Heard's checks."),
                .init(name: "consultation_opened_on", meaning: "When its consultation opened; blank if none."),
                .init(
                    name: "consultation_closed_on",
                    meaning: "The consultation's last day (early closure included); blank if none."),
                .init(name: "consultation_responses", meaning: "How many responses the consultation received."),
                .init(name: "members_present", meaning: "Who took the decision, separated by \"; \"."),
                .init(
                    name: "declarations",
                    meaning:
                        "Interests declared at the meeting and what the chair decided, separated by \"; \"; blank if none."
                ),
                .init(name: "quorate", meaning: "yes or no: whether the meeting was quorate; blank if not recorded."),
                .init(name: "url", meaning: "The decision record, with its involvement trail."),
                .init(
                    name: "quorum_voting_present",
                    meaning:
                        "How many voting members Heard counted present for the item when it checked the board's quorum at approval; blank when the decision paper said whether the meeting was quorate, or the decision was approved before Heard kept the count."
                ),
                .init(name: "quorum_required", meaning: "The board's quorum then; blank when not counted."),
            ]
        case .fftResults:
            [
                .init(name: "month", meaning: "The calendar month (YYYY-MM), from its first to its last UK day."),
                .init(name: "organisation_ods_code", meaning: "The organisation's ODS code; blank if not recorded."),
                .init(name: "organisation", meaning: "The organisation that runs the service."),
                .init(name: "place", meaning: "The place (locality) of the service."),
                .init(name: "service", meaning: "The service people answered about."),
            ] + Self.fftAnswerColumns
                + [
                    .init(name: "total", meaning: "Every answer, \"don't know\" included."),
                    .init(
                        name: "percent_very_good_or_good",
                        meaning: "Very good or good, out of every answer, in whole per cent; blank under 5 answers."),
                    .init(
                        name: "percent_poor_or_very_poor",
                        meaning: "Poor or very poor, out of every answer, in whole per cent; blank under 5 answers."),
                ]
                + FFTCollectionMode.allCases.map {
                    .init(
                        name: "mode_" + $0.rawValue,
                        meaning:
                            "Answers collected by the FFT mode \"\($0.title)\"\($0 == .other ? Self.otherModeMeaning : "")."
                    )
                }
        case .indicators:
            [
                .init(name: "indicator", meaning: "What is measured."),
                .init(name: "unit", meaning: "Per cent, Number, Days or Rate per 1,000 people."),
                .init(name: "better_when", meaning: "higher or lower."),
                .init(name: "place", meaning: "The place the figure is for."),
                .init(name: "period_start", meaning: "The first day of the period the figure covers (YYYY-MM-DD)."),
                .init(
                    name: "period",
                    meaning:
                        "How long that period is: month, quarter, financial_year (April to March) or calendar_year. Compare figures of the same period only."
                ),
                .init(name: "value", meaning: "The figure."),
                .init(name: "source", meaning: "Where the figure comes from."),
            ]
        case .registerOfInterests:
            [
                .init(name: "board", meaning: "The board, committee or panel."),
                .init(name: "member", meaning: "The member's name."),
                .init(name: "role", meaning: "Their role on the board."),
                .init(name: "votes", meaning: "yes if they vote on decisions."),
                .init(name: "lived_experience", meaning: "yes if they have lived experience of the services."),
                .init(name: "member_since", meaning: "The day they were appointed (YYYY-MM-DD)."),
                .init(
                    name: "declared_on",
                    meaning: "The day of the declaration; blank when the member has made none in the last year."),
                .init(
                    name: "interest_kind",
                    meaning: "Financial, non-financial professional or personal, indirect, or nil return."),
                .init(name: "interest", meaning: "What was declared."),
                .init(
                    name: "interest_held_from",
                    meaning: "When the member says the interest began (YYYY-MM-DD); blank if not given."),
                .init(name: "interest_ended_on", meaning: "When the interest ended; blank if it stands."),
            ]
        }
    }
}

/// The open data paths, in one place.
enum OpenDataURL {
    static let page = "/open-data"
}

extension OpenDataset {
    /// One column for each FFT answer's count, named as in the staff return.
    /// What "Other" holds, since it is more than the return's own "other".
    fileprivate static let otherModeMeaning =
        ": at events, by e-mail or letter, and from imported files or other systems that did not say how the person answered"

    fileprivate static let fftAnswerColumns: [Column] = FFTRating.allCases.map { rating in
        Column(
            name: FFTResultsController.countHeaders[rating.rawValue - 1],
            meaning: "How many answered \"\(rating.title)\", with or without a comment.")
    }
}
