"""Name keys: spellings of one name from Arabic, Persian, Kurdish, Pashto and Tigrinya find each other
both ways; different names stay apart."""

from frappe.tests.utils import FrappeTestCase

from mitmenschen.names import keys_match, name_key

# (one spelling, another) — passports, school letters and a clerk's ear
VARIANTS: dict[str, list[tuple[str, str]]] = {
	"Arabic": [
		("Mohammed", "Muhammad"),
		("Mohamad", "Mohammed"),
		("Mouhamad", "Mohamed"),
		("Mhd", "Muhammad"),  # the Syrian passport's abbreviation
		("Al-Hamdan", "Alhamdan"),
		("Al Hamdan", "El-Hamdan"),
		("Abdul Rahman", "Abd al-Rahman"),
		("Abdurrahman", "Abdelrahman"),
		("Abdullah", "Abd Allah"),
		("Hussein", "Husayn"),
		("Ahmad", "Achmed"),
		("Khalid", "Chalid"),
		("Yusuf", "Youssef"),
		("Jussuf", "Yousif"),
		("Ibrahim", "Ibraheem"),
		("Osman", "Uthman"),
		("Nour ad-Din", "Nureddin"),
		("Noureddine", "Nour El Din"),
		("Aisha", "Ayesha"),
		("Maryam", "Mariam"),
		("Saeed", "Sa'id"),
		("Elsayed", "As-Sayed"),
		("Zainab", "Zeinab"),
		("Abu Bakr", "Abubakar"),
		("Daoud", "Dawud"),
		("مُحَمَّد", "محمد"),  # short vowels and shadda
		("إحمد", "أحمد"),  # alef with hamza below and above
		("فاطمة", "فاطمه"),  # teh marbuta
		("عبد الرحمن", "عبدالرحمن"),
		("على", "علي"),  # alef maksura
	],
	"Persian": [
		("Hossein", "Hussain"),
		("Fatemeh", "Fatima"),
		("Ebrahim", "Ibrahim"),
		("Esmaeil", "Ismail"),
		("Ghasem", "Qasim"),
		("Javad", "Jawad"),
		("Mohsen", "Muhsin"),
		("Reza", "Riza"),
		("Mehdi", "Mahdi"),
		("Leila", "Layla"),
		("Dariush", "Dariusch"),
		("Fereshteh", "Freshta"),
		("Khadijeh", "Chadidscha"),
		("Parvaneh", "Parwana"),
		("علی", "علي"),  # Persian yeh
		("کریم", "كريم"),  # Persian kaf
	],
	"Kurdish": [
		("Şêrko", "Sherko"),
		("Schirko", "Sherko"),
		("Rojîn", "Rozhin"),
		("Xoşnaw", "Khoshnaw"),
		("Dilşad", "Dilshad"),
		("Hêvîn", "Hevin"),
		("Ehmed", "Ahmed"),
		("Xalid", "Khalid"),
		("Cemal", "Jamal"),
		("Xedîce", "Khadija"),
		("Ahmet", "Ahmad"),  # Turkish spelling of Kurdish names
		("ئاسۆ", "ئاسو"),  # Sorani oe and waw
		("هەڵۆ", "هه‌لو"),  # Sorani ae, heavy lam
	],
	"Pashto": [
		("Noorullah", "Nurullah"),
		("Noor Ullah", "Nurollah"),
		("Hekmatullah", "Hikmatullah"),
		("Rahmat Ullah", "Rahmatollah"),
		("Ghulam", "Gholam"),
		("Golam", "Ghulam"),
		("Zarghona", "Zarghuna"),
		("Mirwais", "Mirways"),
		("Ahmadzai", "Ahmadzay"),
		("Habib Ullah", "Habibullah"),
	],
	"Tigrinya": [
		("Tesfay", "Tesfaye"),
		("Tesfai", "Tesfay"),
		("Yohannes", "Johannes"),
		("Yohanes", "Yohannes"),
		("Gebremariam", "Gebre Mariam"),
		("Ghebremariam", "Gebre-Mariam"),
		("Haile", "Hayle"),
		("Berhane", "Brhane"),
		("Birhane", "Berhane"),
		("Tsegay", "Tsegaye"),
		("Ghirmay", "Girmay"),
		("Tekle", "Tecle"),
		("Filmon", "Filimon"),
		("Yonas", "Jonas"),
		("Mebrahtu", "Mebrahatu"),
		("Haile Selassie", "Haileselassie"),
	],
}

# different names that must not be taken for each other
UNRELATED = [
	("Mohammed", "Mahmoud"),
	("Omar", "Amir"),
	("Mona", "Mina"),
	("Ali", "Ola"),
	("Ahmad", "Hamid"),
	("Azad", "Asad"),
	("Hussein", "Hassan"),
	("Yusuf", "Yasin"),
	("Karim", "Kamal"),
	("Leila", "Lina"),
	("Yonas", "Yohannes"),
	("Samir", "Sami"),
	("Amin", "Ayman"),
	("Khalid", "Khalil"),
	("Tesfay", "Tekle"),
	("Zainab", "Zahra"),
	("Maryam", "Marwan"),
	("Al-Hamdan", "Hamdan"),
	("Gebremariam", "Gebremedhin"),
	("Noorullah", "Noor"),
	("محمد", "محمود"),
	("Şêrko", "Shirin"),
]


class TestNameKeys(FrappeTestCase):
	def test_at_least_thirty_pairs_from_five_languages(self) -> None:
		self.assertGreaterEqual(sum(len(pairs) for pairs in VARIANTS.values()), 30)
		self.assertTrue(all(len(pairs) >= 10 for pairs in VARIANTS.values()))

	def test_variants_are_found_both_ways(self) -> None:
		missed = [
			(language, a, b, name_key(a), name_key(b))
			for language, pairs in VARIANTS.items()
			for a, b in pairs
			if not (keys_match(a, b) and keys_match(b, a))
		]
		self.assertEqual(missed, [])

	def test_unrelated_names_are_not_matched(self) -> None:
		matched = [(a, b, name_key(a)) for a, b in UNRELATED if keys_match(a, b) or keys_match(b, a)]
		self.assertEqual(matched, [])

	def test_a_full_name_keeps_one_key_per_word(self) -> None:
		self.assertEqual(name_key("Mohammed Al-Hamdan"), name_key("Muhammad Alhamdan"))
		self.assertEqual(len(name_key("Mohammed Al Hamdan").split()), 2)
		self.assertEqual(name_key("  "), "")
		self.assertEqual(name_key(None), "")
