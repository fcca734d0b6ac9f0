"""A name key that stays the same however a name is spelled.

The families' names reach the cooperative through passports, school letters, the job centre and the
clerk's ear, each spelling them differently: Mohammed / Muhammad / Mohamad, Al-Hamdan / Alhamdan /
Al Hamdan, Hossein / Hussain / Husayn, Gebremariam / Gebre Mariam. `name_key` folds such variants to
one key, so that a search finds them all and a new household that probably exists already is noticed.

Latin script — each word (after joining particles such as al-, abd-, -uddin, -ullah, gebre-) becomes:
- a digit for the class of its first vowel: 1 for a/e/i (Persian writes e where Arabic has i or a),
  2 for o/u (so Mohammed and Mahmoud, Omar and Amir, Mona and Mina stay apart);
- "a" when the word starts with a vowel (Ahmad and Hamid stay apart);
- its consonants, with the common transliteration pairs folded (kh/ch/x → h, sh/sch/š/ş → x,
  q/gh/g/k/c → k, dsch/dj/zh/j and a leading y → j, v/w → w, th → s, dh → d, ph → f; a final t → d for
  Turkish spellings), doubled letters once, and "j" for a diphthong or glide inside the word
  (Hussein, Husayn, Maryam/Mariam); other vowels, a word's final vowels and a final -h after a vowel
  (Fatima/Fatemeh) are left out.
Arabic script (Arabic, Persian, Sorani, Pashto): letter forms folded (alef with hamza, yeh and kaf of
Persian, teh marbuta, Kurdish letters), short vowels, tatweel and hamza removed, spaces dropped.

The key is a heuristic for *finding*, never an identity: it accepts a few false friends (Semere and
Samir) to find the variants a clerk types. Pure Python, no Frappe: layer 0.
"""

import re
import unicodedata

# ---- Arabic script -------------------------------------------------------------------------------
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
ARABIC_FOLD = str.maketrans(
	{
		"أ": "ا",
		"إ": "ا",
		"آ": "ا",
		"ٱ": "ا",
		"ى": "ي",
		"ی": "ي",  # Persian yeh
		"ێ": "ي",  # Sorani
		"ئ": "ي",
		"ؤ": "و",
		"ۆ": "و",  # Sorani
		"ۇ": "و",
		"ة": "ه",
		"ۀ": "ه",
		"ە": "ه",  # Sorani
		"ھ": "ه",
		"ک": "ك",  # Persian kaf
		"ڪ": "ك",
		"ڵ": "ل",  # Sorani
		"ڕ": "ر",  # Sorani
		"ء": "",
	}
)
ARABIC_PREFIXES = {"عبد", "ابو", "بن", "ال"}
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

# ---- Latin script --------------------------------------------------------------------------------
APOSTROPHES = re.compile("['’‘`´ʿʾʼ]")  # ayn and hamza as written in Latin
# letters whose base letter NFKD would keep but whose sound differs
LATIN_SPECIAL = str.maketrans({"š": "sh", "ş": "sh", "ș": "sh", "ß": "ss", "ğ": "", "ı": "i", "ç": "tsch", "č": "tsch"})
# (pattern, replacement) in order: longer spellings first; "x" stands for sh, "č" for ch as in church
LATIN_FOLDS = (
	("x", "h"),  # Kurmanji x = kh
	("tsch", "č"),
	("dsch", "j"),
	("sch", "x"),
	("tch", "č"),
	("ch", "h"),  # German and French-German kh: Chalid, Achmed
	("sh", "x"),
	("kh", "h"),
	("gh", "k"),
	("zh", "j"),
	("dj", "j"),
	("dzh", "j"),
	("th", "s"),
	("dh", "d"),
	("ph", "f"),
	("ck", "k"),
	("q", "k"),
	("g", "k"),
	("v", "w"),
)
VOWELS = set("aeiouy")
SUN_LETTERS = tuple("tdrzsnl")
ARTICLES = {
	"al", "el", "ul", "il", "ol",
	"ad", "ed", "ud", "ar", "er", "ur", "as", "es", "us", "an", "en", "un", "at", "et", "ut",
	"az", "ez", "uz", "ash", "esh", "ush",
}  # fmt: skip
ABD = re.compile(r"^abd(?:ul|el|al|ol|ur|ar|er|us|as|es|un|an|en|ud|ad|ed|ut|at|et|uz|az|ez|u|e|a|o)?$")
ABD_JOINED = re.compile(r"^abd(?:ul|el|al|ol|ur|ar|er|us|as|es|un|an|en|ud|ad|ed|ut|at|et|uz|az|ez)(.+)$")
DIN = re.compile(r"^(?:[aeiou]?[ld]?)?d(?:i|ee|ea|ie)ne?$")  # ad-Din, Eddine, uddin
ALLAH = re.compile(r"^[aeiou]?llah?$")  # Ullah, Allah, ollah
ALLAH_JOINED = re.compile(r"^(.{3,}?)(?:ul|ol|al|el|il)lah?$")  # Habibullah, Rahmatollah
PREFIXES = {"abu", "abou", "abo", "bin", "ben", "ibn", "gebre", "gebra", "ghebre", "haile", "habte", "tekle", "wolde", "welde", "walda"}  # fmt: skip
ABBREVIATIONS = {"mhd": "mohammed", "mohd": "mohammed", "muhd": "mohammed", "md": "mohammed"}


def name_key(name: str | None) -> str:
	"""The key of a name: one key per word, separated by spaces ("" for no name)."""
	if not name:
		return ""
	text = unicodedata.normalize("NFC", name).strip().lower()
	keys: list[str] = []
	# runs of Arabic-script words and of other words (a name may be written in both)
	for run in re.findall(r"(?:\S*[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]\S*\s*)+|[^\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+", text):
		if ARABIC_LETTER.search(run):
			keys.extend(arabic_words(run))
		else:
			keys.extend(latin_word_key(word) for word in latin_words(run))
	return " ".join(key for key in keys if key)


def keys_match(a: str | None, b: str | None) -> bool:
	"""Whether two names probably are the same (same key, particles and spacing aside)."""
	key_a, key_b = name_key(a), name_key(b)
	return bool(key_a) and key_a.replace(" ", "") == key_b.replace(" ", "")


def arabic_words(text: str) -> list[str]:
	"""One key per word; Abd, Abu and Bin joined to the next word (عبد الرحمن = عبدالرحمن)."""
	words = [re.sub(r"[\W_]", "", word) for word in ARABIC_MARKS.sub("", text).translate(ARABIC_FOLD).split()]
	keys: list[str] = []
	for word in filter(None, words):
		if keys and keys[-1] in ARABIC_PREFIXES:
			keys[-1] += word
		else:
			keys.append(word)
	return keys


def latin_words(text: str) -> list[str]:
	"""The words of a Latin name with their particles joined to the word they belong to."""
	text = APOSTROPHES.sub("", text.translate(LATIN_SPECIAL))
	text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
	raw = [ABBREVIATIONS.get(word, word) for word in re.split(r"[^a-z]+", text) if word]
	words: list[str] = []
	index = 0
	while index < len(raw):
		word = raw[index]
		following = raw[index + 1] if index + 1 < len(raw) else None
		if ABD.match(word) and following:  # Abd al-Rahman, Abdul Rahman, Abdel Aziz
			index += 1
			if following in ARTICLES and index + 1 < len(raw):
				index += 1
			word = re.sub(r"^abdal[aeiou]?(?=l)", "abda", "abdal" + raw[index])  # Abd Allah = Abdallah
		elif (joined := ABD_JOINED.match(word)) and len(joined.group(1)) >= 3:  # Abdurrahman, Abdelaziz
			word = "abdal" + joined.group(1)
		elif word in ARTICLES and following:  # Al-Hamdan, as-Sayed; before a sun letter the l assimilates
			index += 1
			word = ("a" if following.startswith(SUN_LETTERS) else "al") + following
		elif word in PREFIXES and following:  # Abu Bakr, Gebre Mariam, Haile Selassie
			index += 1
			word = word + following
		elif re.match(r"^[ae]l[tdrzsn]", word) and len(word) >= 7:  # Elsayed, Alsaleh
			word = "a" + word[2:]
		if words and (DIN.match(word) or ALLAH.match(word)):  # Nour ad-Din, Habib Ullah
			words[-1] += "din" if DIN.match(word) else "allah"
		else:
			if (joined := ALLAH_JOINED.match(word)) and not word.startswith("abd"):
				word = joined.group(1) + "allah"
			words.append(word)
		index += 1
	return words


def latin_word_key(word: str) -> str:
	if word.startswith("y") and len(word) > 1 and word[1] in VOWELS:
		word = "j" + word[1:]  # Yusuf, Jussuf
	word = re.sub(r"c(?=[ei])", "j", word)  # Kurmanji and Turkish c: Cemal, Xedîce
	for spelling, folded in LATIN_FOLDS:
		word = word.replace(spelling, folded)
	word = word.replace("c", "k").replace("č", "c")
	word = re.sub(r"t$", "d", word)  # Ahmet, Hamit, Mehmet
	word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters once
	if len(word) > 2 and word.endswith("h") and word[-2] in VOWELS:
		word = word[:-1]  # Fatimah, Fatemeh, Abdullah
	runs = re.findall(r"[aeiouy]+|[^aeiouy]+", word)
	vowel_runs = [run for run in runs if run[0] in VOWELS]
	vowel_class = "" if not vowel_runs else ("2" if vowel_runs[0][0] in "ou" else "1")
	key = [vowel_class]
	for position, run in enumerate(runs):
		if run[0] not in VOWELS:
			key.append(run)
		elif position == 0:
			key.append("a" + ("j" if is_glide(run) else ""))
		elif position < len(runs) - 1:
			if is_glide(run):
				key.append("j")
			elif len(run) > 1 and run[0] == "a" and run[1] in "ou":  # Daoud, Raouf
				key.append("w")
	return re.sub(r"([jw])\1+", r"\1", "".join(key))


def is_glide(run: str) -> bool:
	"""A vowel group heard as a y: Hussein, Husayn, Maryam, Mariam, Saeed."""
	return len(run) > 1 and ("i" in run or "y" in run or "ae" in run)
