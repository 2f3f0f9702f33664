/// Phrases that suggest a risk needing immediate human attention.
///
/// Tuned for recall: a false alarm costs a person a minute of reading; a missed disclosure of harm can
/// cost far more. Negation is deliberately ignored for most cues ("he wasn't abusive" still surfaces).
enum UrgentCues {
    static let reasons = ["self-harm", "abuse", "safeguarding", "danger"]

    static let phrases: [[String]] = [
        [  // self-harm and suicide
            "suicide", "suicidal", "kill myself", "killing myself", "kill herself", "kill himself",
            "end my life", "end it all", "ending it all", "take my own life", "took her own life",
            "took his own life", "self harm", "self harming", "selfharm", "harm myself", "hurt myself",
            "hurting myself", "cut myself", "cutting myself", "overdose", "overdosed", "want to die",
            "wanted to die", "wish i was dead", "better off dead", "no reason to live", "hang myself",
            "jump off", "not want to live", "don't want to live", "can't go on",
        ],
        [  // abuse and violence
            "abuse", "abused", "abusive", "assault", "assaulted", "rape", "raped", "sexually", "hit me",
            "hitting me", "hit him", "hit her", "punched", "slapped", "kicked", "grabbed me", "touched me",
            "inappropriately", "bullied", "bullying", "harassed", "harassment", "exploited", "violence",
            "violent", "domestic", "restrained", "forced me", "threatened", "threatening", "intimidated",
        ],
        [  // safeguarding and neglect
            "safeguarding", "neglect", "neglected", "unsafe", "!safe", "feel scared", "felt scared",
            "frightened", "terrified", "vulnerable adult", "left alone for", "left on the floor",
            "left lying", "no food for", "no water", "went missing", "missing person",
        ],
        [  // danger and serious harm
            "danger", "dangerous", "dangerously", "could have died", "nearly died", "almost died",
            "would have died", "life threatening", "life-threatening", "died", "death", "dying",
            "weapon", "knife", "gun", "fire", "wrong medication", "wrong dose", "wrong drug",
            "medication error", "negligence", "negligent", "serious harm", "injured", "injury",
        ],
    ]
}
