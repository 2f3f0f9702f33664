/// What the text itself says about the relational side of care, by flag (order of `RelationalFlag.allCases`).
///
/// Each flag is raised by its themes (see `RelationalRules`) or by one of these phrases, in either direction:
/// "rude" raises compassion as surely as "kind" does, because the flag marks what the comment is about.
enum RelationalCues {
    static let phrases: [[String]] = [
        [  // compassion and kindness
            "kind", "kindness", "kindly", "compassion", "compassionate", "caring", "uncaring", "unkind", "rude",
            "rudely", "empathy", "empathetic", "sympathetic", "unsympathetic", "gentle", "reassuring",
            "reassured", "reassurance", "warm", "heartless", "cold", "callous", "understanding", "patience",
            "cared about", "cared for me", "lovely staff", "so friendly", "very friendly", "made me feel",
            "put me at ease", "at ease", "comforting", "comforted", "sensitive", "insensitive",
        ],
        [  // dignity and respect
            "dignity", "undignified", "respect", "respected", "respectful", "disrespect", "disrespectful",
            "disrespected", "privacy", "humiliated", "humiliating", "degrading", "degraded", "embarrassed",
            "embarrassing", "patronising", "patronised", "condescending", "belittled", "treated like",
            "like a number", "like a child", "discriminated", "discrimination", "racist", "racism",
            "judged", "judgemental", "judgmental", "stigma", "as a person", "as a human",
        ],
        [  // being listened to and involved
            "listen", "listened", "listening", "listens", "listener", "heard", "ignored", "ignoring",
            "involved", "involve", "involving", "included me", "my views", "my wishes", "my choice",
            "my opinion", "my concerns", "took time", "take time", "taking time", "dismissed", "dismissive",
            "fobbed off", "brushed off", "talked down", "explained", "explain", "understood", "took me seriously",
            "!believed", "say in",
        ],
        [  // coordination between services
            "referral", "referrals", "referred", "re-referred", "joined up", "coordination", "coordinated",
            "co-ordinated", "co-ordination", "between services", "between departments", "pillar to post",
            "passed around", "passed from", "handover", "handed over", "follow up", "followed up",
            "continuity", "same doctor", "different doctor", "repeat my story", "repeating my story",
            "no one knew", "nobody knew", "lost my", "communication between", "discharge", "discharged",
            "transfer", "transferred", "care plan", "waiting list", "gp surgery and", "sent back to",
        ],
    ]
}
