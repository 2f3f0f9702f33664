/// Common words of other languages that a short comment is made of ("Muy bien", "Sehr gut", "Bardzo dobrze",
/// "Bahut acha"): praise, thanks, "very", "good", "bad", "all", in the languages most spoken in England after
/// English (Polish, Romanian, Urdu, Punjabi, Bengali and Gujarati written in Latin letters, Portuguese, Spanish,
/// Italian, Lithuanian, Latvian, French, German, Dutch, Czech, Slovak, Hungarian, Turkish, Arabic, Somali,
/// Swahili, Tagalog, Albanian, Greek, Russian and Ukrainian written in Latin letters, and Welsh), with and
/// without their accents. Words that are also English ("no", "super", "bun", "tout", "toll", "vale", "genial",
/// "mire", "dank") are left out, so the list never turns an English word foreign.
enum OtherLanguageWords {
    static let words = [
        // Polish
        "bardzo", "dobrze", "dobra", "dobry", "dobre", "dziękuję", "dziekuje", "dzięki", "dzieki", "świetnie",
        "swietnie", "wspaniale", "źle", "zle", "tak", "nie", "miło", "milo", "fajnie", "polecam", "wszystko",
        "opieka", "lekarz", "było", "bylo", "jestem", "zadowolona", "zadowolony",
        // Romanian
        "foarte", "bine", "mulțumesc", "multumesc", "mulţumesc", "mersi", "bună", "buna", "rău", "rau", "frumos",
        "totul",
        // Spanish, Portuguese, Italian
        "muy", "bien", "bueno", "buena", "gracias", "excelente", "perfecto", "malo", "mala", "estupendo", "muchas",
        "muito", "bom", "obrigado", "obrigada", "ótimo", "otimo", "ótima", "otima", "tudo", "bem", "péssimo",
        "pessimo", "ruim", "molto", "bene", "grazie", "ottimo", "ottima", "buono", "perfetto", "tutto",
        "bellissimo",
        // French
        "très", "tres", "merci", "parfait", "génial", "mauvais", "beaucoup", "bonne", "nul",
        // German, Dutch
        "sehr", "gut", "danke", "schön", "schoen", "alles", "schlecht", "prima", "wunderbar", "zufrieden",
        "freundlich", "vielen", "goed", "bedankt", "zeer", "slecht",
        // Lithuanian, Latvian
        "labai", "gerai", "ačiū", "aciu", "puiku", "blogai", "viskas", "ļoti", "loti", "labi", "paldies",
        // Czech, Slovak, Hungarian
        "velmi", "veľmi", "dobře", "dobrý", "děkuji", "dekuji", "ďakujem", "dakujem", "výborně", "vyborne",
        "výborne", "nagyon", "köszönöm", "koszonom", "kiváló", "kivalo", "rendben",
        // Turkish
        "çok", "cok", "iyi", "teşekkürler", "tesekkurler", "teşekkür", "tesekkur", "güzel", "guzel", "harika",
        "kötü", "kotu", "mükemmel", "mukemmel",
        // Urdu, Hindi, Punjabi, Gujarati and Bengali in Latin letters
        "bahut", "bohat", "bohot", "bahot", "acha", "accha", "achha", "acchha", "achcha", "shukriya", "shukria",
        "dhanyavaad", "dhanyavad", "dhanyawad", "theek", "thik", "hai", "bura", "kharab", "changa", "vadiya",
        "vadhia", "saras", "khub", "bhalo", "valo", "dhonnobad", "dhonyobad",
        // Arabic, Somali, Swahili, Tagalog in Latin letters
        "shukran", "mumtaz", "kwayes", "kwayis", "fiican", "mahadsanid", "wanaagsan", "asante", "sana", "nzuri",
        "vizuri", "salamat", "maganda", "mabuti",
        // Albanian, Greek, Russian and Ukrainian in Latin letters
        "shumë", "shume", "mirë", "faleminderit", "poli", "kala", "efharisto", "spasibo", "khorosho", "duzhe",
        "dyakuyu", "otlichno",
        // Welsh
        "diolch", "iawn", "da", "ardderchog",
    ]

    /// Tokeniser hashes of `words` (after the lexicon's spellings, as a comment's words are hashed).
    static let hashes: FlatHashMap = {
        var map = FlatHashMap(minimumCapacity: words.count)
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        for word in words {
            var source = word
            source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
            for token in tokens { map.set(1, for: token.hash) }
        }
        return map
    }()
}
