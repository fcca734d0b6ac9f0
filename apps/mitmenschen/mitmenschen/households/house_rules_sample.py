"""A realistic first Hausordnung, so a cooperative starts from something it can edit, not a blank page.

Short German text in plain language with the rules that cause most conflicts in the first months
(quiet hours, Sunday rest, waste separation with Bremen's bin colours, stairwell rota, ventilating
and heating, bicycles and prams, balcony barbecue, laundry room) and drafts in English, Arabic,
Farsi, Ukrainian and Turkish. The drafts are not checked by native speakers: they stay marked
"to be checked by a native speaker" until someone who speaks the language checks them.

Created on install and migrate only while the site has no house rules at all, so a cooperative's
own rules (or its edits of this sample) are never overwritten or duplicated.
"""

import frappe

SAMPLE_TITLE = "Hausordnung"
SAMPLE_VALID_FROM = "2026-01-01"
DRAFTED_BY = "Mit:Menschen (Entwurf, maschinell unterstützt)"


def section(title: str, text: str) -> str:
	return f"<h3>{title}</h3><p>{text}</p>"


GERMAN = "".join(
	[
		section(
			"Ruhezeiten",
			"Nachtruhe ist von 22 bis 6 Uhr. Mittagsruhe ist von 13 bis 15 Uhr. In dieser Zeit bitte leise "
			"sein: Musik und Fernseher leise stellen, nicht bohren, nicht hämmern. Kinder dürfen spielen, "
			"aber bitte nicht im Treppenhaus toben.",
		),
		section(
			"Sonntagsruhe",
			"An Sonntagen und Feiertagen ist den ganzen Tag Ruhe. Bitte nicht bohren, nicht Rasen mähen und "
			"keine lauten Arbeiten machen.",
		),
		section(
			"Müll trennen",
			"Gelbe Tonne oder Gelber Sack: Verpackungen aus Plastik und Metall, zum Beispiel Joghurtbecher "
			"und Dosen. Blaue Tonne: Papier und Pappe. Braune Tonne: Bioabfall, zum Beispiel Obst- und "
			"Gemüsereste und Kaffeesatz. Schwarze oder graue Tonne: Restmüll, zum Beispiel Windeln. Glas "
			"bringen Sie zum Glascontainer. Sperrmüll bitte nicht in den Hof stellen: Machen Sie einen "
			"Termin bei der Bremer Stadtreinigung.",
		),
		section(
			"Treppenhaus reinigen",
			"Alle Mietparteien putzen das Treppenhaus abwechselnd. Der Putzplan hängt im Hausflur. Wenn Sie "
			"dran sind: Treppe fegen und wischen, Geländer abwischen. Sie können nicht? Tauschen Sie mit "
			"einem Nachbarn.",
		),
		section(
			"Lüften und Heizen",
			"Öffnen Sie die Fenster 3-mal am Tag für 5 Minuten ganz. Lassen Sie die Fenster nicht den ganzen "
			"Tag gekippt. Lüften Sie nach dem Duschen und Kochen. Im Winter die Heizung nie ganz ausmachen, "
			"sonst entsteht Schimmel.",
		),
		section(
			"Fahrräder und Kinderwagen",
			"Der Hausflur muss frei bleiben, er ist auch der Fluchtweg bei Feuer. Fahrräder gehören in den "
			"Fahrradkeller. Kinderwagen und Rollatoren bitte nur dort abstellen, wo ein Schild es erlaubt.",
		),
		section(
			"Grillen auf dem Balkon",
			"Auf dem Balkon nicht mit Kohle oder offenem Feuer grillen. Rauch und Funken stören die Nachbarn "
			"und sind gefährlich. Ein Elektrogrill ist erlaubt, wenn er nicht qualmt.",
		),
		section(
			"Waschküche",
			"Tragen Sie sich in den Plan an der Tür der Waschküche ein und halten Sie Ihre Zeit ein. Nach dem "
			"Waschen: Maschine leer machen, Flusensieb reinigen, den Raum sauber verlassen. Holen Sie Ihre "
			"Wäsche am selben Tag ab.",
		),
		section(
			"Fragen?",
			"Wir erklären Ihnen alles gern persönlich, auch mit einer Dolmetscherin oder einem Dolmetscher.",
		),
	]
)

TRANSLATIONS: dict[str, str] = {
	"en": "".join(
		[
			section(
				"Quiet hours",
				"Night rest is from 10 pm to 6 am. Midday rest is from 1 pm to 3 pm. Please be quiet at these "
				"times: keep music and TV low, no drilling, no hammering. Children may play, but please not "
				"run and shout in the stairwell.",
			),
			section(
				"Sunday rest",
				"On Sundays and public holidays it is quiet all day. Please do not drill, do not mow the lawn "
				"and do no noisy work.",
			),
			section(
				"Separating waste",
				"Yellow bin or yellow bag: packaging made of plastic and metal, for example yoghurt pots and "
				"cans. Blue bin: paper and cardboard. Brown bin: organic waste, for example fruit and vegetable "
				"scraps and coffee grounds. Black or grey bin: residual waste, for example nappies. Take glass "
				"to the bottle bank. Please do not leave bulky waste in the yard: book a collection with "
				"Bremen's city cleaning service (Bremer Stadtreinigung).",
			),
			section(
				"Cleaning the stairwell",
				"All households take turns cleaning the stairwell. The cleaning rota hangs in the hallway. "
				"When it is your turn: sweep and mop the stairs, wipe the handrail. You cannot do it? Swap "
				"with a neighbour.",
			),
			section(
				"Ventilating and heating",
				"Open the windows wide 3 times a day for 5 minutes. Do not leave windows tilted open all day. "
				"Air the rooms after showering and cooking. In winter never turn the heating off completely, "
				"otherwise mould grows.",
			),
			section(
				"Bicycles and prams",
				"The hallway must stay free; it is also the escape route in a fire. Bicycles belong in the "
				"bicycle cellar. Please leave prams and walkers only where a sign allows it.",
			),
			section(
				"Barbecue on the balcony",
				"Do not barbecue with charcoal or an open fire on the balcony. Smoke and sparks disturb the "
				"neighbours and are dangerous. An electric grill is allowed if it does not smoke.",
			),
			section(
				"Laundry room",
				"Put your name on the plan at the laundry room door and keep to your time. After washing: "
				"empty the machine, clean the lint filter, leave the room clean. Collect your laundry on the "
				"same day.",
			),
			section("Questions?", "We are happy to explain everything in person, also with an interpreter."),
		]
	),
	"ar": "".join(
		[
			section(
				"أوقات الهدوء",
				"وقت الراحة الليلية من الساعة 10 مساءً حتى 6 صباحًا. وقت راحة الظهيرة من الساعة 1 حتى 3 بعد الظهر. "
				"يرجى الهدوء في هذه الأوقات: خفّضوا صوت الموسيقى والتلفاز، ولا تستخدموا المثقاب أو المطرقة. "
				"يمكن للأطفال اللعب، ولكن من فضلكم ليس الركض والصراخ على الدرج.",
			),
			section(
				"راحة يوم الأحد",
				"في أيام الأحد والعطل الرسمية يكون الهدوء طوال اليوم. من فضلكم لا تستخدموا المثقاب، ولا تقصّوا العشب، "
				"ولا تقوموا بأعمال مزعجة.",
			),
			section(
				"فرز النفايات",
				"الحاوية الصفراء أو الكيس الأصفر: العبوات البلاستيكية والمعدنية، مثل علب اللبن والعلب المعدنية. "
				"الحاوية الزرقاء: الورق والكرتون. الحاوية البنية: النفايات العضوية، مثل بقايا الفواكه والخضار وبقايا القهوة. "
				"الحاوية السوداء أو الرمادية: النفايات المتبقية، مثل الحفاضات. الزجاج يوضع في حاوية الزجاج. "
				"من فضلكم لا تضعوا الأثاث والنفايات الكبيرة في الفناء: احجزوا موعدًا لدى شركة تنظيف مدينة بريمن.",
			),
			section(
				"تنظيف الدرج",
				"تقوم جميع الأسر بتنظيف الدرج بالتناوب. جدول التنظيف معلّق في مدخل البيت. عندما يأتي دوركم: "
				"اكنسوا الدرج وامسحوه، وامسحوا الدرابزين. لا تستطيعون؟ بدّلوا الدور مع أحد الجيران.",
			),
			section(
				"التهوية والتدفئة",
				"افتحوا النوافذ بالكامل 3 مرات في اليوم لمدة 5 دقائق. لا تتركوا النوافذ مائلة مفتوحة طوال اليوم. "
				"هوّوا الغرف بعد الاستحمام والطبخ. في الشتاء لا تطفئوا التدفئة تمامًا أبدًا، وإلا يظهر العفن.",
			),
			section(
				"الدراجات وعربات الأطفال",
				"يجب أن يبقى مدخل البيت فارغًا، فهو أيضًا طريق الهروب عند الحريق. مكان الدراجات في قبو الدراجات. "
				"من فضلكم ضعوا عربات الأطفال والمشايات فقط حيث تسمح لافتة بذلك.",
			),
			section(
				"الشواء على الشرفة",
				"لا تشووا على الشرفة بالفحم أو بالنار المكشوفة. الدخان والشرر يزعجان الجيران وهما خطيران. "
				"الشواية الكهربائية مسموحة إذا لم تُخرج دخانًا.",
			),
			section(
				"غرفة الغسيل",
				"سجّلوا أسماءكم في الجدول على باب غرفة الغسيل والتزموا بوقتكم. بعد الغسيل: أفرغوا الغسالة، "
				"ونظّفوا مصفاة الوبر، واتركوا الغرفة نظيفة. خذوا غسيلكم في اليوم نفسه.",
			),
			section("أسئلة؟", "يسعدنا أن نشرح لكم كل شيء شخصيًا، وبمساعدة مترجم أو مترجمة أيضًا."),
		]
	),
	"fa": "".join(
		[
			section(
				"ساعات سکوت",
				"استراحت شبانه از ساعت ۱۰ شب تا ۶ صبح است. استراحت ظهر از ساعت ۱ تا ۳ بعدازظهر است. "
				"لطفاً در این ساعات آرام باشید: صدای موسیقی و تلویزیون را کم کنید، دریل نزنید و چکش نزنید. "
				"بچه‌ها می‌توانند بازی کنند، اما لطفاً در راه‌پله ندوند و فریاد نزنند.",
			),
			section(
				"استراحت یکشنبه",
				"یکشنبه‌ها و روزهای تعطیل رسمی تمام روز سکوت است. لطفاً دریل نزنید، چمن نزنید و کار پرسروصدا نکنید.",
			),
			section(
				"جداسازی زباله",
				"سطل زرد یا کیسه زرد: بسته‌بندی‌های پلاستیکی و فلزی، مثلاً ظرف ماست و قوطی. سطل آبی: کاغذ و مقوا. "
				"سطل قهوه‌ای: زباله‌های آلی، مثلاً پوست میوه و سبزی و تفاله قهوه. سطل سیاه یا خاکستری: زباله‌های دیگر، "
				"مثلاً پوشک. شیشه را به مخزن شیشه ببرید. لطفاً وسایل بزرگ را در حیاط نگذارید: از شرکت نظافت شهر برمن وقت بگیرید.",
			),
			section(
				"نظافت راه‌پله",
				"همه خانوارها به نوبت راه‌پله را تمیز می‌کنند. برنامه نظافت در راهرو آویزان است. وقتی نوبت شماست: "
				"پله‌ها را جارو و تی بکشید و نرده را پاک کنید. نمی‌توانید؟ نوبت را با یک همسایه عوض کنید.",
			),
			section(
				"تهویه و گرمایش",
				"پنجره‌ها را روزی ۳ بار به مدت ۵ دقیقه کاملاً باز کنید. پنجره‌ها را تمام روز نیمه‌باز نگذارید. "
				"بعد از دوش گرفتن و آشپزی هوای خانه را عوض کنید. در زمستان هرگز شوفاژ را کاملاً خاموش نکنید، وگرنه کپک می‌زند.",
			),
			section(
				"دوچرخه و کالسکه بچه",
				"راهرو باید خالی بماند؛ این راه فرار در هنگام آتش‌سوزی هم هست. جای دوچرخه‌ها در زیرزمین دوچرخه است. "
				"لطفاً کالسکه و واکر را فقط جایی بگذارید که تابلو اجازه می‌دهد.",
			),
			section(
				"کباب روی بالکن",
				"روی بالکن با زغال یا آتش باز کباب درست نکنید. دود و جرقه همسایه‌ها را اذیت می‌کند و خطرناک است. "
				"کباب‌پز برقی مجاز است، اگر دود نکند.",
			),
			section(
				"رختشوی‌خانه",
				"نام خود را در برنامه روی در رختشوی‌خانه بنویسید و به وقت خود پایبند باشید. بعد از شستشو: ماشین را خالی کنید، "
				"صافی پرز را تمیز کنید و اتاق را تمیز ترک کنید. لباس‌هایتان را همان روز بردارید.",
			),
			section("سؤالی دارید؟", "با کمال میل همه چیز را حضوری برایتان توضیح می‌دهیم، با مترجم هم."),
		]
	),
	"uk": "".join(
		[
			section(
				"Години тиші",
				"Нічний відпочинок триває з 22:00 до 6:00. Обідній відпочинок — з 13:00 до 15:00. У цей час, будь ласка, "
				"поводьтеся тихо: зробіть тихіше музику й телевізор, не свердліть і не стукайте молотком. Діти можуть "
				"гратися, але, будь ласка, не бігати й не кричати на сходах.",
			),
			section(
				"Недільний відпочинок",
				"У неділю та у святкові дні тиша протягом усього дня. Будь ласка, не свердліть, не косіть газон і не "
				"виконуйте гучних робіт.",
			),
			section(
				"Сортування сміття",
				"Жовтий контейнер або жовтий мішок: упаковка з пластику й металу, наприклад стаканчики з-під йогурту та "
				"бляшанки. Синій контейнер: папір і картон. Коричневий контейнер: органічні відходи, наприклад залишки "
				"фруктів і овочів, кавова гуща. Чорний або сірий контейнер: змішані відходи, наприклад підгузки. Скло "
				"відносьте до контейнера для скла. Будь ласка, не залишайте великогабаритне сміття у дворі: домовтеся "
				"про вивезення з міською службою прибирання Бремена (Bremer Stadtreinigung).",
			),
			section(
				"Прибирання сходів",
				"Усі мешканці прибирають сходи по черзі. Графік прибирання висить у коридорі. Коли ваша черга: підметіть "
				"і помийте сходи, протріть поручні. Не можете? Поміняйтеся із сусідом.",
			),
			section(
				"Провітрювання та опалення",
				"Відчиняйте вікна навстіж 3 рази на день на 5 хвилин. Не залишайте вікна відкритими на провітрювання "
				"цілий день. Провітрюйте після душу та приготування їжі. Узимку ніколи не вимикайте опалення повністю, "
				"інакше з'явиться цвіль.",
			),
			section(
				"Велосипеди та дитячі візки",
				"Коридор має залишатися вільним: це також шлях евакуації під час пожежі. Велосипеди зберігайте у "
				"велосипедному підвалі. Дитячі візки та ходунки ставте, будь ласка, лише там, де це дозволяє табличка.",
			),
			section(
				"Гриль на балконі",
				"Не смажте на балконі на вугіллі чи відкритому вогні. Дим та іскри заважають сусідам і небезпечні. "
				"Електрогриль дозволений, якщо він не димить.",
			),
			section(
				"Пральня",
				"Запишіться у графік на дверях пральні й дотримуйтеся свого часу. Після прання: спорожніть машину, "
				"почистіть фільтр від ворсу, залиште приміщення чистим. Забирайте білизну того самого дня.",
			),
			section(
				"Є запитання?", "Ми охоче все пояснимо особисто, також з перекладачем або перекладачкою."
			),
		]
	),
	"tr": "".join(
		[
			section(
				"Sessizlik saatleri",
				"Gece dinlenme saati 22:00 ile 06:00 arasıdır. Öğle dinlenmesi 13:00 ile 15:00 arasıdır. Bu saatlerde "
				"lütfen sessiz olun: müziğin ve televizyonun sesini kısın, matkap ve çekiç kullanmayın. Çocuklar "
				"oynayabilir, ama lütfen merdiven boşluğunda koşup bağırmasınlar.",
			),
			section(
				"Pazar günü dinlenmesi",
				"Pazar günleri ve resmî tatillerde bütün gün sessizlik vardır. Lütfen matkap kullanmayın, çim biçmeyin "
				"ve gürültülü iş yapmayın.",
			),
			section(
				"Çöpleri ayırmak",
				"Sarı çöp kutusu veya sarı torba: plastik ve metal ambalajlar, örneğin yoğurt kapları ve konserve "
				"kutuları. Mavi çöp kutusu: kâğıt ve karton. Kahverengi çöp kutusu: organik atıklar, örneğin meyve ve "
				"sebze artıkları ve kahve telvesi. Siyah veya gri çöp kutusu: diğer atıklar, örneğin çocuk bezleri. "
				"Camları cam konteynerine götürün. Lütfen büyük eşyaları avluya bırakmayın: Bremen şehir temizlik "
				"hizmetinden (Bremer Stadtreinigung) randevu alın.",
			),
			section(
				"Merdiven temizliği",
				"Bütün haneler merdiven boşluğunu sırayla temizler. Temizlik planı koridorda asılıdır. Sıra size "
				"geldiğinde: merdivenleri süpürün ve silin, tırabzanı silin. Yapamıyor musunuz? Bir komşunuzla sıranızı "
				"değiştirin.",
			),
			section(
				"Havalandırma ve ısıtma",
				"Pencereleri günde 3 kez 5 dakika boyunca tamamen açın. Pencereleri bütün gün vasistas konumunda açık "
				"bırakmayın. Duştan ve yemek pişirdikten sonra havalandırın. Kışın kaloriferi asla tamamen kapatmayın, "
				"yoksa küf oluşur.",
			),
			section(
				"Bisikletler ve bebek arabaları",
				"Koridor boş kalmalıdır; yangında kaçış yolu da burasıdır. Bisikletler bisiklet bodrumuna konur. Bebek "
				"arabalarını ve yürüteçleri lütfen sadece bir tabelanın izin verdiği yere bırakın.",
			),
			section(
				"Balkonda mangal",
				"Balkonda kömürle veya açık ateşte mangal yapmayın. Duman ve kıvılcımlar komşuları rahatsız eder ve "
				"tehlikelidir. Duman çıkarmıyorsa elektrikli ızgara serbesttir.",
			),
			section(
				"Çamaşırhane",
				"Çamaşırhanenin kapısındaki plana adınızı yazın ve saatinize uyun. Yıkamadan sonra: makineyi boşaltın, "
				"tüy filtresini temizleyin, odayı temiz bırakın. Çamaşırlarınızı aynı gün alın.",
			),
			section(
				"Sorularınız mı var?", "Her şeyi size yüz yüze, tercüman eşliğinde de memnuniyetle anlatırız."
			),
		]
	),
}


def ensure_sample() -> str | None:
	"""after_migrate: the sample, on a site that has no house rules yet; returns its name if created."""
	if frappe.db.count("House Rules"):
		return None
	doc = frappe.get_doc(
		{
			"doctype": "House Rules",
			"title": SAMPLE_TITLE,
			"version": 1,
			"valid_from": SAMPLE_VALID_FROM,
			"applies_to": "All Buildings",
			"german_text": GERMAN,
			"translations": [
				{"language": code, "text": text, "translated_by": DRAFTED_BY}
				for code, text in TRANSLATIONS.items()
				if frappe.db.exists("Language", code)
			],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name
