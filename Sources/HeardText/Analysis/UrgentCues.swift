/// Phrases that suggest a risk needing immediate human attention.
///
/// Tuned for recall: a false alarm costs a person a minute of reading; a missed disclosure of harm can
/// cost far more. Negation is deliberately ignored for most cues ("he wasn't abusive" still surfaces).
///
/// Verbs of harm are matched with their inflections and a person as object ("{strike} {relation?}
/// {person}": "hit my dad", "smacked the patient", "kicked a resident"), never on their own when they have
/// ordinary senses: "hit the target", "pushed for an appointment", "the wait killed me" and "it hit me how
/// lucky we are" are not cues.
enum UrgentCues {
    static let reasons = ["self-harm", "abuse", "safeguarding", "danger"]

    /// Word classes the phrases use (see `PhraseMatcher`); every member is one word.
    static let classes: [String: [String]] = [
        "self": ["myself", "himself", "herself", "themselves", "themself", "yourself"],
        "possessive": ["my", "his", "her", "their", "your", "our"],
        "end": ["end", "ends", "ending", "ended"],
        "kill": ["kill", "kills", "killing", "killed"],
        "harm": [
            "harm", "harms", "harming", "harmed", "hurt", "hurts", "hurting", "cut", "cuts", "cutting", "hang",
            "hangs", "hanging", "hanged",
        ],
        "want": ["want", "wants", "wanted", "wanting", "wish", "wishes", "wished", "wishing"],
        // Hitting and its kin, in every tense; "kicked", "punched" and "slapped" are also cues on their own.
        "strike": [
            "hit", "hits", "hitting", "slap", "slaps", "slapped", "slapping", "smack", "smacks", "smacked",
            "smacking", "kick", "kicks", "kicking", "punch", "punches", "punching", "shove", "shoves", "shoved",
            "shoving", "thump", "thumps", "thumped", "thumping", "pinch", "pinches", "pinched", "pinching",
            "strangle", "strangled", "strangling", "throttled", "manhandle", "manhandled", "manhandling",
        ],
        // Done to someone, in the passive: "was pushed by a member of staff", "hit by my husband".
        "struck": [
            "hit", "slapped", "smacked", "kicked", "punched", "shoved", "pushed", "thumped", "pinched", "grabbed",
            "attacked", "beaten", "manhandled", "strangled",
        ],
        "push": ["push", "pushes", "pushed", "pushing"],
        // A person as a single word.
        "them": [
            "me", "him", "her", "them", "us", "mum", "mom", "mummy", "dad", "daddy", "nan", "nana", "nanna",
            "grandma", "grandad", "granddad", "grandpa", "gran", "granny", "patients", "residents", "staff",
            "someone", "somebody", "people", "children", "kids",
        ],
        // What comes before a person: "my", "the", "a", "another".
        "relation": [
            "my", "his", "her", "their", "our", "your", "the", "a", "an", "another", "other", "one", "this",
            "that", "some",
        ],
        // An optional word between that and the person: "the night nurse", "my elderly mother".
        "kind": [
            "night", "day", "male", "female", "agency", "new", "senior", "junior", "staff", "ward", "care",
            "healthcare", "support", "student", "elderly", "old", "older", "little", "young", "younger", "baby",
            "disabled", "vulnerable", "frail", "poor", "other",
        ],
        "person": [
            "mum", "mom", "mother", "mummy", "dad", "daddy", "father", "son", "daughter", "husband", "wife",
            "partner", "brother", "sister", "child", "children", "kid", "kids", "baby", "grandson",
            "granddaughter", "grandmother", "grandfather", "grandma", "grandad", "granddad", "grandpa", "nan",
            "nana", "nanna", "gran", "granny", "aunt", "auntie", "uncle", "nephew", "niece", "friend",
            "boyfriend", "girlfriend", "fiance", "fiancee", "relative", "stepson", "stepdaughter", "patient",
            "patients", "resident", "residents", "man", "woman", "lady", "gentleman", "person", "boy", "girl",
            "client", "clients", "nurse", "nurses", "carer", "carers", "staff", "doctor", "doctors", "porter",
            "porters", "hca", "assistant", "worker", "workers", "paramedic", "paramedics", "midwife", "midwives",
            "consultant", "receptionist", "security", "guard", "guards", "officer", "manager", "matron",
            "cleaner", "student",
        ],
        // Where a push does harm ("pushed me over") rather than move someone along ("pushed my dad in a wheelchair").
        "down": ["over", "against", "aside"],
        // A push by staff that moves someone along, not an assault.
        "along": ["in", "on", "to", "into", "through", "along", "round", "around", "back", "up", "out"],
        "afraid": ["scared", "afraid", "frightened", "terrified", "petrified", "fearful"],
        "left": ["left", "lying", "laying", "lay", "lie", "sat", "sitting"],
        "soiled": ["soiled", "wet", "dirty", "soaking", "soaked", "filthy", "stained"],
        "bedding": [
            "sheets", "sheet", "bed", "bedding", "pad", "pads", "nappy", "nappies", "clothes", "clothing",
            "pyjamas", "nightie", "nightdress", "underwear", "incontinence", "gown", "trousers", "pants",
        ],
        "excrement": ["urine", "faeces", "feces", "poo", "wee", "mess", "excrement", "vomit", "sick", "waste"],
        "bruises": ["bruise", "bruises", "bruising", "bruised"],
    ]

    static let phrases: [[String]] = [
        [  // self-harm and suicide
            "suicide", "suicidal", "{kill} {self}", "{end} {possessive} life", "{end} {possessive} lives",
            "{end} it all", "{want} to end it", "take|takes|taking|took {possessive} own life", "self harm",
            "self harming", "selfharm", "{harm} {self}", "overdose", "overdosed", "{want} to die",
            "wish|wished i was|were dead", "better off dead", "no reason to live", "jump off", "not want to live",
            "don't want to live", "!{want} to live", "!{want} to be here anymore", "can't go on",
        ],
        [  // abuse and violence
            "abuse", "abused", "abusive", "assault", "assaulted", "rape", "raped", "sexually", "punched", "slapped",
            "kicked", "{strike} {them}", "-hit|hits me|us how", "-hit|hits me|us that i|we|it|they|this|there|my|our",
            "{strike} {relation} {kind?} {person}", "beat|beating|beaten {them} up",
            "beat|beating {relation} {kind?} {person}", "{struck} by {them}",
            "{struck} by {relation} {kind?} {person}", "{struck} by a member of staff",
            "-pushed by {relation} {kind?} {person} {along}", "-pushed by {them} {along}",
            "-pushed by a member of staff {along}", "{push} {them} {down}", "{push} {relation} {kind?} {person} {down}",
            "{push} {them} to|onto the floor|ground", "pushed and shoved", "pushing and shoving", "grabbed me",
            "touched me", "inappropriately", "bullied", "bullying", "harassed", "harassment", "exploited",
            "violence", "violent", "domestic", "restrained", "forced me", "threatened", "threatening",
            "intimidated",
        ],
        [  // safeguarding and neglect
            "safeguarding", "neglect", "neglected", "unsafe", "!safe", "feel scared", "felt scared",
            "frightened", "terrified", "{afraid} of {relation} {kind?} {person}", "{afraid} of him|her|staff",
            "{afraid} of some|one|any of the {kind?} {person}", "{afraid} to complain|report",
            "{afraid} to speak up", "vulnerable adult", "left alone for", "left on the floor", "left lying",
            "{left} in|on {relation?} {soiled} {bedding}", "{left} in|on {relation?} urine|faeces {soiled} {bedding}",
            "{left} in {possessive} own {excrement}", "{left} in urine|faeces|excrement",
            "left soiled", "unexplained {bruises}", "unexplained injuries|marks",
            "left bruises|bruising", "covered in bruises|bruising", "{bruises} all over", "no food for",
            "no water", "went missing", "missing person", "has|had|have {bruises}", "with {bruises}",
            "not feeding", "not being fed", "not fed", "not given food|water|drinks", "not given a drink",
        ],
        [  // danger and serious harm
            "danger", "dangerous", "dangerously", "could have died", "nearly died", "almost died",
            "would have died", "life threatening", "died", "-died peacefully|comfortably|calmly",
            "-died in peace", "-died with dignity", "-died pain free", "-died in {possessive} sleep", "death",
            "dying", "-dying for a|an", "-dying to", "weapon", "knife", "gun", "fire", "wrong medication", "wrong dose",
            "wrong drug",
            "medication error", "negligence", "negligent", "serious harm", "injured", "injury",
        ],
    ]
}
