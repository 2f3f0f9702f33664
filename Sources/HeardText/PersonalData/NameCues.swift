/// Words after which a capitalised word is taken to be a person's name ("Dr Patel", "nurse Jane").
enum NameCues {
    /// Honorifics: the next word is a name even when written in lower case ("dr patel"),
    /// unless it is an ordinary word ("dr was lovely").
    static let honorificWords = ["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"]
    static let honorifics: FlatHashMap = hashes(honorificWords)

    /// Staff roles and relations: the next word is a name only when capitalised ("nurse Jane").
    static let roles: FlatHashMap = hashes(roleWords)
    static let roleWords = [
        "nurse", "doctor", "sister", "matron", "midwife", "paramedic", "consultant", "surgeon", "physio",
        "physiotherapist", "receptionist", "therapist", "counsellor", "psychiatrist", "psychologist",
        "pharmacist", "carer", "hca", "registrar", "gp", "dentist", "technician", "driver", "crew",
        "practitioner", "worker", "manager", "called", "named", "brother", "husband", "wife", "son", "daughter",
        "mum", "mom", "mother", "dad", "father", "partner", "grandson", "granddaughter", "grandmother",
        "grandfather", "grandma", "grandad", "granddad", "grandpa", "nan", "nana", "nanna", "gran", "granny",
        "aunt", "auntie", "uncle", "nephew", "niece", "fiance", "fiancee", "boyfriend", "girlfriend", "friend",
        "stepson", "stepdaughter", "stepmum", "stepdad", "stepmother", "stepfather", "cousin", "neighbour",
        "neighbor", "colleague", "flatmate", "housemate", "lodger", "godson", "goddaughter",
        // Welsh, as people in Wales write to their health board: nurse, doctor (and its soft mutation), sister,
        // midwife, pharmacist, carer.
        "nyrs", "meddyg", "feddyg", "chwaer", "bydwraig", "fferyllydd", "gofalwr", "gofalwraig",
    ]

    /// A role or lead-in, then a first name in any case: where the name pattern takes a lower-case word ("a
    /// nurse called jane", "my name is sarah"). One phrase per cue, for the analyser's cue matcher.
    static let firstNameAfterCuePhrases: [String] =
        roleWords.map { "\($0) {firstname}" }
        + [
            "name is {firstname}", "name was {firstname}", "name's {firstname}", "call me {firstname}",
            "this is {firstname}", "signed {firstname}",
        ]

    /// Words after which a capitalised name follows in a given context (see `PersonalDataPatterns.name`):
    /// "my name is Sarah", "her name was Jane", "this is Sarah writing", "my name's Sarah", "call me Sarah",
    /// "signed Sarah Jones", "I am Zelda Quibble" (a first name and a surname), and "from Sarah" ending a
    /// comment after a thank-you or punctuation.
    enum LeadIn: Int32, CaseIterable {
        case `is`, was, name, me, signed, from, am
    }
    static let leadInWords = LeadIn.allCases.map { "\($0)" }
    /// Lead-in words by hash; the value is the `LeadIn`'s raw value.
    static let leadIns: FlatHashMap = {
        var map = FlatHashMap(minimumCapacity: leadInWords.count)
        for leadIn in LeadIn.allCases { map.set(leadIn.rawValue, for: StableHash.fnv1a("\(leadIn)")) }
        return map
    }()
    /// What must follow "this is Sarah" for "Sarah" to be taken as the writer's name.
    static let introductionFollowers = ["writing", "calling", "here", "speaking", "from"]

    /// The lead-ins as phrases for the analyser's cue matcher ("from" is checked apart, at the comment's end).
    static let leadInPhrases = ["name is", "name was", "this is", "name's", "call me", "signed", "i am", "i'm"]

    /// Capitalised pairs that follow "I am" but say who someone is, not their name ("I am British Asian",
    /// "I am Deputy Manager", "I am Very Disappointed"): neither word of the pair may be one of these.
    static let notSelfNames: FlatHashMap = hashes([
        "british", "english", "scottish", "welsh", "irish", "european", "polish", "romanian", "lithuanian",
        "portuguese", "italian", "spanish", "french", "german", "indian", "pakistani", "bangladeshi", "chinese",
        "asian", "african", "caribbean", "black", "white", "mixed", "arab", "somali", "nigerian", "ghanaian",
        "kurdish", "turkish", "iranian", "afghan", "syrian", "gypsy", "roma", "traveller", "muslim", "christian",
        "hindu", "sikh", "jewish", "catholic", "buddhist", "church", "deaf", "blind", "disabled", "autistic",
        "trans", "gay", "lesbian", "bisexual", "head", "deputy", "lead", "chief", "chair", "director", "member",
        "volunteer", "patient", "carer", "parent", "governor", "officer", "coordinator", "assistant", "clinical",
        "nursing", "medical", "ward", "sister", "charge", "band", "happy", "unhappy", "grateful", "angry",
        "disappointed", "disgusted", "appalled", "furious", "pleased", "delighted", "satisfied", "sorry",
        "concerned", "worried", "extremely", "totally", "absolutely", "completely", "now", "currently", "type",
        "diabetic", "pregnant", "retired", "unemployed", "registered", "housebound", "fully", "vaccinated",
    ])

    /// Capitalised or common words that follow a role but are not names ("Nurse Practitioner", "Dr I think").
    static let notNames: FlatHashMap = hashes([
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "did", "do", "for", "from", "had", "has", "have",
        "he", "her", "him", "his", "i", "if", "in", "is", "it", "me", "my", "no", "not", "of", "on", "or", "our",
        "she", "so", "that", "the", "their", "them", "then", "there", "they", "this", "to", "was", "we", "were",
        "who", "with", "you", "your", "very", "really", "so", "who's", "was", "came", "come", "said", "told",
        "gave", "took", "made", "went", "got", "just", "also", "all", "always", "never", "could", "would",
        "should", "will", "can", "may", "been", "being", "explained", "listened", "helped", "saw", "seen",
        "practitioner", "nurse", "nurses", "doctor", "doctors", "team", "staff", "service", "services",
        "appointment", "surgery", "practice", "department", "ward", "unit", "centre", "center", "hospital",
        "clinic", "nhs", "a&e", "gp", "gps", "manager", "receptionist", "receptionists", "who", "which", "when",
        "where", "what", "how", "why", "thank", "thanks", "please", "good", "great", "excellent", "lovely",
        "kind", "friendly", "helpful", "rude", "amazing", "fantastic", "brilliant", "nice", "caring", "ok",
        "okay", "fine", "didn't", "wasn't", "isn't", "couldn't", "wouldn't", "don't", "i'm", "i've", "it's",
        "today", "yesterday", "again", "here", "first", "second", "one", "two", "some", "any", "every",
        "each", "other", "another", "only", "still", "even", "mental", "health", "district", "practice",
        "specialist", "support", "led", "teams", "scan", "scans", "advanced", "senior", "junior", "student",
        "community", "visiting", "back", "up", "down", "out", "off", "over", "away", "round", "about",
        "writing", "calling", "here", "speaking", "called", "named", "pals", "matron", "sister", "security",
        "reception", "switchboard", "ambulance", "police", "triage", "nhs111",
    ])

    /// Words that a role and a comma may be followed by but that are not a name ("the receptionist, However,
    /// was", "the doctor, Monday, said"), beyond `notNames`: connectives, days, months and the places of
    /// `placesAfterCalled`, family and staff words that are not in `roleWords` ("my wife, Children, and I", "the
    /// nurse, Porter, Cleaner"). Role words and their plurals ("the doctor, Nurse, Physio") are ruled out apart.
    static let notNamesAfterComma: FlatHashMap = hashes(
        [
            "however", "though", "although", "therefore", "also", "too", "again", "sadly", "unfortunately",
            "luckily", "thankfully", "fortunately", "obviously", "clearly", "honestly", "frankly", "indeed",
            "instead", "meanwhile", "otherwise", "yes", "no", "yet", "etc", "especially", "particularly", "both",
            "whom", "whose", "everyone", "everybody", "nobody", "someone", "anyone", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
            "june", "july", "august", "september", "october", "november", "december", "mum", "dad", "children",
            "kids", "family", "parents", "grandparents", "grandchildren", "baby", "babies", "myself", "yourself",
            "porter", "porters", "cleaner", "cleaners", "housekeeping", "domestics", "volunteer", "volunteers",
            "students", "trainee", "trainees", "admin", "management", "chaplain", "optician", "dietitian",
            "dietician", "radiographer", "sonographer", "phlebotomist", "anaesthetist", "midwives", "ot", "ots",
            "hcas", "slt", "everyone",
        ] + placeWords)

    /// Common words that follow a first name written in lower case ("my husband ian works here", "a nurse
    /// called jane tried"), so are never taken for its surname ("a nurse called jane smith"): verbs, adverbs
    /// and small words beyond `notNames`. Words ending in "ed", "ing" or "ly" are ruled out by their ending.
    static let notSurnames: FlatHashMap = hashes([
        "am", "does", "doesn't", "hasn't", "weren't", "won't", "can't", "cannot", "hadn't", "might", "must",
        "shall", "shouldn't", "who'd", "she's", "he's", "she'd", "he'd", "after", "against", "along", "already",
        "among", "around", "because", "before", "behind", "below", "beside", "besides", "between", "beyond", "else",
        "enough", "ever", "except", "instead", "into", "less", "more", "most", "much", "near", "now", "onto",
        "since", "than", "though", "through", "till", "too", "toward", "towards", "under", "until", "upon", "via",
        "whilst", "while", "within", "without", "yet", "well", "quite", "rather", "soon", "later", "once", "twice",
        "often", "sometimes", "together", "alone", "herself", "himself", "myself", "ourselves", "themselves", "us",
        "ask", "asks", "ate", "became", "become", "becomes", "began", "bought", "brought", "brings", "broke",
        "calls", "care", "cares", "caught", "chose", "comes", "cries", "deals", "dealt", "deserve", "deserves",
        "drove", "drives", "eats", "fell", "feel", "feels", "felt", "find", "finds", "found", "gets", "give",
        "gives", "goes", "gone", "grew", "hear", "heard", "hears", "held", "help", "helps", "keep", "keeps", "kept",
        "knew", "know", "knows", "leave", "leaves", "left", "let", "lets", "likes", "listen", "listens", "lives",
        "look", "looks", "lost", "loves", "make", "makes", "meant", "means", "met", "needs", "paid", "phones",
        "put", "puts", "ran", "rang", "rings", "runs", "sat", "say", "says", "see", "sees", "sent", "shows", "sits",
        "slept", "sorts", "speak", "speaks", "spent", "spoke", "stays", "stood", "suffers", "take", "takes",
        "talks", "taught", "tells", "think", "thinks", "thought", "tries", "try", "understand", "understands",
        "understood", "uses", "visits", "wait", "waits", "walks", "want", "wants", "wore", "works", "work", "wrote",
        "get", "go", "arrive", "arrives", "provide", "provides", "receives", "replies", "both",
    ])

    /// Surnames that end in "ed", "ly" or "ing", as many ordinary words after a name do ("my son jack tried",
    /// "really", "lovingly"), but that are rarely anything else: after a first name in lower case they are
    /// taken as its surname ("called jane reed", "my nurse, sarah kelly, was"). Common English words are
    /// left out (Bowling, Darling, Fielding, Sterling), so the list names people only.
    static let surnamesWithCommonEndings: FlatHashMap = hashes([
        "reed", "creed", "ahmed", "mohammed", "muhammed", "mohamed", "hameed", "saeed", "javed", "rasheed",
        "majeed", "waheed", "naveed", "syed", "sayed", "hamed", "kelly", "reilly", "oreilly", "o'reilly", "daly",
        "connolly", "donnelly", "healy", "tully", "scully", "lilly", "kennelly", "farrelly", "mcnally", "nally",
        "manning", "king", "fleming", "harding", "golding", "browning", "channing", "whiting", "redding",
        "stirling", "kipling", "gosling", "keeling", "pickering", "dowling", "cushing", "spalding", "snelling",
        "gilling", "deering", "cowling", "dunning", "henning", "bunning", "downing", "hosking",
        "pilling", "rawling", "ewing", "goring", "waring", "wareing",
    ])

    /// Verbs and adverbs that follow a person's name as its subject: after a role and a comma, a capitalised
    /// word before one of these (or a past tense) is a name even without a closing comma ("the receptionist,
    /// Bryony was rude", "the nurse, Bryony explained").
    static let verbsAfterName: FlatHashMap = hashes([
        "was", "is", "has", "had", "did", "does", "didn't", "wasn't", "isn't", "hasn't", "hadn't", "doesn't",
        "gave", "told", "said", "took", "made", "came", "went", "got", "kept", "saw", "spoke", "knew", "put",
        "rang", "could", "would", "should", "will", "can", "can't", "couldn't", "wouldn't", "won't", "always",
        "never", "really", "also", "just", "then", "who", "tried", "helps", "helped", "listens", "explains",
        "makes", "takes", "gives", "goes", "sat", "stayed",
    ])

    /// Everyday nouns that start a new clause after a role and a comma, as people write after a thank-you ("thank
    /// you nurse, Food was cold", "the doctor, Parking was a nightmare"): before a verb they are not a name.
    /// Words ending in "tion", "sion", "ment", "ness", "ship" or "ism" ("Communication", "Treatment") are ruled
    /// out by their ending (`PersonalDataPatterns.isEverydayNoun`), and words in `notNames`, in
    /// `notNamesAfterComma` or ending in "ed", "ly" or "ing" ("Everything", "Parking") apart; names such as
    /// Felicity or Grace are not here, nor words ending in "ity".
    static let everydayNouns: FlatHashMap = hashes([
        "food", "meal", "meals", "breakfast", "lunch", "dinner", "tea", "coffee", "water", "drink", "drinks", "menu",
        "car", "cars", "park", "wait", "waits", "time", "times", "day", "days", "night", "nights", "afternoon",
        "weekend", "week", "weeks", "month", "year", "tonight", "tomorrow", "now", "overall", "life", "room", "rooms",
        "bed", "beds", "bay", "toilet", "toilets", "bathroom", "shower", "place", "area", "site", "corridor", "lift",
        "door", "doors", "floor", "window", "temperature", "noise", "light", "lights", "phone", "phones", "call",
        "calls", "letter", "letters", "text", "texts", "email", "emails", "message", "messages", "result", "results",
        "test", "tests", "blood", "bloods", "xray", "procedure", "medicine", "medicines", "tablets", "pills", "drugs",
        "pain", "wound", "jab", "vaccine", "referral", "discharge", "visit", "visitors", "hygiene", "atmosphere",
        "facilities", "quality", "equipment", "system", "app", "website", "signage", "transport", "taxi", "bus",
        "traffic", "queue", "queues", "everybody", "this", "that", "these", "those", "which", "care", "help", "advice",
        "support", "info", "process", "patients", "patient", "people", "person", "man", "woman", "lady", "gentleman",
        "men", "women", "child", "condition", "problem", "problems", "issue", "issues", "question", "questions",
        "answer", "answers", "diagnosis", "experience", "rest", "none", "nurses", "doctors", "wifi", "tv", "television",
    ])

    /// Places and services people ring or are referred to: after "called" or "named" they are not a person
    /// ("the nurse called Harrogate", "I called Leeds General", "she called NHS 111"). The demonstration's
    /// places, the big English cities and West Yorkshire's towns and hospitals, and hospital-site words.
    static let placeWords = [
        "bradford", "calderdale", "harrogate", "kirklees", "leeds", "wakefield", "huddersfield", "halifax",
        "dewsbury", "pontefract", "pinderfields", "airedale", "keighley", "batley", "castleford", "otley",
        "wetherby", "ilkley", "shipley", "york", "hull", "sheffield", "doncaster", "barnsley", "rotherham",
        "scarborough", "london", "birmingham", "manchester", "liverpool", "newcastle", "bristol", "nottingham",
        "leicester", "coventry", "derby", "stoke", "general", "infirmary", "royal", "hospital", "surgery",
        "practice", "ambulance", "nhs", "nhs111", "st", "saint", "a&e", "casualty", "maternity", "emergency",
        "accident", "hospice", "pharmacy", "boots", "samaritans", "healthwatch", "council", "social", "out",
    ]
    static let placesAfterCalled: FlatHashMap = hashes(placeWords)
    /// Hashes of the two roles after which a place is not a name.
    static let calledHash = StableHash.fnv1a("called")
    static let namedHash = StableHash.fnv1a("named")

    /// For each first letter a–z, a bit per word length (2...15) that some honorific or role has: most
    /// words are ruled out by this before any hashing.
    static let firstLetterLengths: [UInt32] = {
        var masks = [UInt32](repeating: 0, count: 26)
        for word in honorificWords + roleWords + leadInWords {
            let bytes = Array(word.utf8)
            guard let first = bytes.first, ByteClass.isLower(first), bytes.count < 32 else { continue }
            masks[Int(first - UInt8(ascii: "a"))] |= 1 << UInt32(bytes.count)
        }
        return masks
    }()

    static func hashes(_ words: [String]) -> FlatHashMap {
        var map = FlatHashMap(minimumCapacity: words.count)
        for word in words { map.set(1, for: StableHash.fnv1a(word)) }
        return map
    }

    /// Tokeniser hashes of the honorifics and of the roles (after the lexicon's spellings, so "dr" counts as
    /// an honorific even if the lexicon maps it to another word).
    private static let honorificTokens: FlatHashMap = tokenHashes(honorificWords)
    private static let roleTokens: FlatHashMap = tokenHashes(roleWords)
    private static let givenNameTokens: FlatHashMap = tokenHashes(GivenNames.words)

    private static func tokenHashes(_ words: [String]) -> FlatHashMap {
        var map = FlatHashMap(minimumCapacity: words.count)
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        for word in words {
            var source = word
            source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
            for token in tokens { map.set(1, for: token.hash) }
        }
        return map
    }

    private static let nameHash = StableHash.fnv1a("name")
    private static let thisHash = StableHash.fnv1a("this")
    private static let callHash = StableHash.fnv1a("call")
    private static let fromHash = StableHash.fnv1a("from")
    /// Lead-ins that need no word before them ("name's", "signed").
    private static let leadInTokens: FlatHashMap = tokenHashes(["name's", "signed"])
    /// Lead-ins that need one ("name is", "this is", "call me"): the value is the hash of the word before.
    private static let pairedLeadInTokens: FlatHashMap = tokenHashes(["is", "was", "me"])
    /// "I am" and "I'm", which need two capitalised words after them (a first name and a surname).
    private static let selfLeadInTokens: FlatHashMap = tokenHashes(["am", "i'm"])

    /// Whether the name pattern can match anywhere in a comment with these tokens: some honorific, a
    /// capitalised first name (`GivenNames`), or some
    /// role or lead-in ("my name is") followed by a word that starts with a capital (a role or lead-in followed
    /// by a first name in lower case, "called jane", is found by the cue matcher: `firstNameAfterCuePhrases`),
    /// or "from" and a capitalised word or two ending the comment. A necessary condition
    /// only; the redactor's byte-level pattern decides. `cueWordSeen` is whether the cue matcher found a
    /// title, role or lead-in: without one only the comment's last words are looked at.
    static func mayPrecedeName(_ tokens: UnsafeBufferPointer<Token>, cueWordSeen: Bool = true) -> Bool {
        let count = tokens.count
        // "… from Sarah", "… from Sarah Jones xx" at the very end.
        for back in 2...4 where count >= back && tokens[count - back].hash == fromHash {
            if tokens[count - back + 1].startsUpper { return true }
        }
        guard cueWordSeen else { return false }
        for index in 0..<count {
            let hash = tokens[index].hash
            if honorificTokens.value(for: hash) != nil { return true }
            if tokens[index].startsUpper, givenNameTokens.value(for: hash) != nil { return true }
            guard index + 1 < count, tokens[index + 1].startsUpper else { continue }
            if index + 2 < count, tokens[index + 2].startsUpper, selfLeadInTokens.value(for: hash) != nil {
                return true
            }
            if roleTokens.value(for: hash) != nil || leadInTokens.value(for: hash) != nil { return true }
            if index > 0, pairedLeadInTokens.value(for: hash) != nil {
                let before = tokens[index - 1].hash
                if before == nameHash || before == thisHash || before == callHash { return true }
            }
        }
        return false
    }
}
