/// Word-level normalisation: NHS abbreviations, spelling variants, and negation cues.
enum Lexicon {
    /// Variants mapped to one canonical word, so the models see "a&e", "A & E" and "a and e" alike.
    static let canonicalForms: [(variant: String, canonical: String)] = [
        ("gps", "gp"), ("g.p", "gp"), ("g.p.", "gp"), ("dr", "doctor"), ("drs", "doctors"), ("docs", "doctors"),
        ("doc", "doctor"), ("appt", "appointment"), ("appts", "appointments"), ("apt", "appointment"),
        ("hosp", "hospital"), ("ae", "a&e"), ("a+e", "a&e"), ("ane", "a&e"), ("er", "a&e"), ("ed", "a&e"),
        ("emergency", "emergency"), ("ambo", "ambulance"), ("amb", "ambulance"), ("paramedics", "paramedic"),
        ("dept", "department"), ("info", "information"), ("meds", "medication"), ("medicine", "medication"),
        ("medicines", "medication"), ("physio", "physiotherapy"), ("recep", "reception"), ("thankyou", "thank"),
        ("thanks", "thank"), ("thx", "thank"), ("ty", "thank"), ("pls", "please"), ("plz", "please"),
        ("ppl", "people"), ("u", "you"), ("ur", "your"), ("cos", "because"), ("coz", "because"), ("cuz", "because"),
        ("v", "very"), ("tho", "though"), ("n/a", "na"), ("nhs111", "111"), ("mins", "minutes"), ("min", "minutes"),
        ("hrs", "hours"), ("hr", "hours"), ("hour", "hours"), ("minute", "minutes"), ("wks", "weeks"),
        ("pediatric", "paediatric"), ("pediatrics", "paediatrics"), ("anesthetic", "anaesthetic"),
        ("anesthetist", "anaesthetist"), ("hematology", "haematology"), ("gynecology", "gynaecology"),
        ("orthopedic", "orthopaedic"), ("orthopedics", "orthopaedics"), ("color", "colour"),
        ("center", "centre"), ("organization", "organisation"), ("organized", "organised"),
        ("apologize", "apologise"), ("apologized", "apologised"), ("realize", "realise"), ("realized", "realised"),
        ("recognize", "recognise"), ("prioritize", "prioritise"), ("referal", "referral"), ("referals", "referrals"),
        ("recieved", "received"), ("recieve", "receive"), ("proffesional", "professional"),
        ("profesional", "professional"), ("excellant", "excellent"), ("exellent", "excellent"),
        ("excelent", "excellent"), ("freindly", "friendly"), ("definately", "definitely"),
        ("dont", "don't"), ("didnt", "didn't"), ("cant", "can't"), ("wont", "won't"), ("wasnt", "wasn't"),
        ("isnt", "isn't"), ("couldnt", "couldn't"), ("wouldnt", "wouldn't"), ("shouldnt", "shouldn't"),
        ("doesnt", "doesn't"), ("havent", "haven't"), ("hasnt", "hasn't"), ("arent", "aren't"), ("werent", "weren't"),
        ("im", "i'm"), ("ive", "i've"), ("cannot", "can't"),
    ]

    /// Words that open a negation scope. Words ending in "n't" are recognised by their ending.
    static let negators: [String] = [
        "not", "no", "never", "nobody", "nothing", "none", "nor", "neither", "without", "hardly", "barely",
        "lack", "lacked", "lacking", "cannot", "unable", "nowhere", "don't", "didn't", "can't", "won't", "wasn't",
        "isn't", "couldn't", "wouldn't", "shouldn't", "doesn't", "haven't", "hasn't", "aren't", "weren't",
    ]

    /// Words that close a negation scope early ("not fast *but* kind").
    static let scopeBreakers: [String] = ["but", "however", "although", "though", "yet", "and", "except"]

    /// Numbers that name a service, not a quantity.
    static let keptNumbers: [String] = ["111", "999", "119", "101", "24", "7"]
}
