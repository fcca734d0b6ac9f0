"""A realistic first Hausordnung, so a cooperative starts from something it can edit, not a blank page.

Short German text in plain language with the rules that cause most conflicts in the first months
(quiet hours, Sunday rest, waste separation with Bremen's bin colours, stairwell rota, ventilating
and heating, bicycles and prams, balcony barbecue, laundry room) and drafts in every language the
portal speaks: English, Arabic, Farsi, Dari, Pashto, Sorani, Kurmanji, Tigrinya, Ukrainian, Russian and
Turkish. The drafts are not checked by native speakers: they stay marked "to be checked by a native
speaker" until someone who speaks the language checks them.

Created on install and migrate only while the site has no house rules at all, so a cooperative's
own rules (or its edits of this sample) are never overwritten or duplicated.
"""

import frappe

from mitmenschen.households.house_rules import text_fingerprint

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
	# Sorani, Kurmanji, Dari, Pashto, Russian and Tigrinya: drafts like the others, to be checked by a
	# native speaker (each row's status says so until someone who speaks the language checks it)
	"ckb": "".join(
		[
			section(
				"کاتەکانی بێدەنگی",
				"پشووی شەو لە کاتژمێر ١٠ی شەو تا ٦ی بەیانییە. پشووی نیوەڕۆ لە کاتژمێر ١ تا ٣ی پاش نیوەڕۆیە. تکایە لەم کاتانەدا بێدەنگ بن: دەنگی مۆسیقا و تەلەفزیۆن نزم بکەنەوە، دریل و چەکوش بەکار مەهێنن. منداڵان دەتوانن یاری بکەن، بەڵام تکایە لە پلیکانەکاندا ڕا مەکەن و هاوار مەکەن.",
			),
			section(
				"پشووی ڕۆژی یەکشەممە",
				"لە ڕۆژانی یەکشەممە و پشووە فەرمییەکاندا هەموو ڕۆژەکە بێدەنگییە. تکایە دریل بەکار مەهێنن، چیمەن مەبڕن و کاری بە دەنگە دەنگ مەکەن.",
			),
			section(
				"جیاکردنەوەی زبڵ",
				"سەتڵی زەرد یان کیسەی زەرد: پاکەتی پلاستیک و کانزا، بۆ نموونە قاپی ماست و قوتوو. سەتڵی شین: کاغەز و کارتۆن. سەتڵی قاوەیی: زبڵی ئەندامی، بۆ نموونە پاشماوەی میوە و سەوزە و تڵپی قاوە. سەتڵی ڕەش یان خۆڵەمێشی: زبڵی تر، بۆ نموونە پەمپەرز. شووشە ببەنە کۆنتەینەری شووشە. تکایە شتی گەورە لە حەوشەدا دامەنێن: لە خزمەتگوزاریی پاککردنەوەی شاری برێمن (Bremer Stadtreinigung) کات وەربگرن.",
			),
			section(
				"پاککردنەوەی پلیکانە",
				"هەموو خێزانەکان بە نۆرە پلیکانەکان پاک دەکەنەوە. خشتەی پاککردنەوە لە ڕاڕەوەکەدا هەڵواسراوە. کاتێک نۆرەی ئێوەیە: پلیکانەکان گسک بدەن و بیسڕن، دەسگرەکە پاک بکەنەوە. ناتوانن؟ نۆرەکەتان لەگەڵ دراوسێیەک بگۆڕنەوە.",
			),
			section(
				"هەواگۆڕکێ و گەرمکردنەوە",
				"ڕۆژانە ٣ جار بۆ ماوەی ٥ خولەک پەنجەرەکان بە تەواوی بکەنەوە. پەنجەرەکان هەموو ڕۆژەکە نیوە کراوە مەهێڵنەوە. دوای خۆشۆردن و چێشت لێنان هەوا بگۆڕن. لە زستاندا هەرگیز گەرمکەرەوە بە تەواوی مەکوژێننەوە، ئەگینا کەڕوو دروست دەبێت.",
			),
			section(
				"پاسکیل و عەرەبانەی منداڵ",
				"ڕاڕەوەکە دەبێت بەتاڵ بمێنێتەوە؛ ئەوە ڕێگای ڕاکردنیشە لە کاتی ئاگرکەوتنەوەدا. پاسکیلەکان جێگایان لە ژێرزەمینی پاسکیلە. تکایە عەرەبانەی منداڵ و واکەر تەنها لەو شوێنە دابنێن کە تابلۆیەک ڕێگەی داوە.",
			),
			section(
				"کەباب لەسەر باڵکۆن",
				"لەسەر باڵکۆن بە خەڵوز یان ئاگری کراوە کەباب مەکەن. دووکەڵ و پریشک دراوسێکان بێزار دەکەن و مەترسیدارن. گریلی کارەبایی ڕێگەپێدراوە، ئەگەر دووکەڵ نەکات.",
			),
			section(
				"ژووری جلشۆردن",
				"ناوی خۆتان لە خشتەکەی سەر دەرگای ژووری جلشۆردن بنووسن و پابەندی کاتی خۆتان بن. دوای شۆردن: ئامێرەکە بەتاڵ بکەنەوە، فلتەری تووک پاک بکەنەوە، ژوورەکە پاک بەجێ بهێڵن. جلەکانتان هەر هەمان ڕۆژ ببەن.",
			),
			section(
				"پرسیارتان هەیە؟",
				"بە خۆشحاڵییەوە هەموو شتێک بە ڕووبەڕوو بۆتان ڕوون دەکەینەوە، بە یارمەتیی وەرگێڕێکیش.",
			),
		]
	),
	"kmr": "".join(
		[
			section(
				"Demên bêdengiyê",
				"Bêhnvedana şevê ji saet 22:00 heta 06:00 e. Bêhnvedana nîvro ji saet 13:00 heta 15:00 e. Di van deman de ji kerema xwe bêdeng bin: dengê muzîk û televizyonê nizm bikin, dirêl û çakûç bi kar neynin. Zarok dikarin bilîzin, lê ji kerema xwe li ser derenceyan nebezin û qîrîn nekin.",
			),
			section(
				"Bêhnvedana Yekşemê",
				"Di rojên Yekşemê û betlaneyên fermî de tevahiya rojê bêdengî ye. Ji kerema xwe dirêl bi kar neynin, giya nebirin û karê bi deng nekin.",
			),
			section(
				"Cudakirina çopê",
				"Bîdona zer an tûrikê zer: pakêtên ji plastîk û metal, wek qaba mastê û qutiyan. Bîdona şîn: kaxez û karton. Bîdona qehweyî: çopê organîk, wek bermahiyên fêkî û sebzeyan û telwa qehweyê. Bîdona reş an gewr: çopê din, wek pampersan. Camê bibin konteynira camê. Ji kerema xwe tiştên mezin li hewşê nehêlin: ji xizmeta paqijiya bajarê Bremenê (Bremer Stadtreinigung) randevû bistînin.",
			),
			section(
				"Paqijkirina derenceyan",
				"Hemû malbat bi dorê derenceyan paqij dikin. Plana paqijiyê li korîdorê daliqandî ye. Dema dora we be: derenceyan bimalin û bişon, destikê paqij bikin. Hûn nikarin? Dora xwe bi cîranekî re biguherînin.",
			),
			section(
				"Hewadan û germkirin",
				"Rojê 3 caran ji bo 5 deqeyan pencereyan bi tevahî vekin. Pencereyan tevahiya rojê nîvvekirî nehêlin. Piştî serşûştin û xwarin çêkirinê hewa bidin. Di zivistanê de germkirinê qet bi tevahî netemirînin, wekî din kêvz çêdibe.",
			),
			section(
				"Duçerxe û erebeyên zarokan",
				"Korîdor divê vala bimîne; ew di şewatê de riya revê ye jî. Cihê duçerxeyan jêrzemîna duçerxeyan e. Ji kerema xwe erebeyên zarokan û meşîneran tenê li cihê ku tabelayek destûr dide deynin.",
			),
			section(
				"Goştbirêjandin li balkonê",
				"Li balkonê bi komirê an agirê vekirî goşt nebirêjînin. Dûman û çirûsk cîranan aciz dikin û xeternak in. Grîla elektrîkê destûrdar e, heke dûman neke.",
			),
			section(
				"Odeya cilşûştinê",
				"Navê xwe li ser plana li ser deriyê odeya cilşûştinê binivîsin û dema xwe biparêzin. Piştî şûştinê: makîneyê vala bikin, fîltera tûkan paqij bikin, odeyê paqij bihêlin. Cilên xwe heman rojê bibin.",
			),
			section(
				"Pirsên we hene?",
				"Em bi kêfxweşî her tiştî rû bi rû ji we re rave dikin, bi wergêrekî re jî.",
			),
		]
	),
	"prs": "".join(
		[
			section(
				"ساعات آرامش",
				"آرامش شبانه از ساعت ۱۰ شب تا ۶ صبح است. آرامش چاشت از ساعت ۱ تا ۳ بعد از چاشت است. لطفاً در این وقت‌ها آرام باشید: صدای موسیقی و تلویزیون را کم کنید، برمه نزنید و چکش نزنید. اطفال می‌توانند بازی کنند، اما لطفاً در زینه‌ها ندوند و چیغ نزنند.",
			),
			section(
				"آرامش روز یکشنبه",
				"یکشنبه‌ها و روزهای رخصتی رسمی تمام روز آرامش است. لطفاً برمه نزنید، چمن را قطع نکنید و کار پرسروصدا نکنید.",
			),
			section(
				"جدا کردن زباله",
				"سطل زرد یا خریطه زرد: بسته‌بندی‌های پلاستیکی و فلزی، مثلاً ظرف ماست و قطی. سطل آبی: کاغذ و کارتن. سطل نصواری: زباله‌های عضوی، مثلاً پوست میوه و سبزی و تفاله قهوه. سطل سیاه یا خاکستری: دیگر زباله‌ها، مثلاً پمپرز. شیشه را به کانتینر شیشه ببرید. لطفاً اشیای بزرگ را در حویلی نگذارید: از اداره صفایی شهر برمن (Bremer Stadtreinigung) وقت بگیرید.",
			),
			section(
				"پاک کردن زینه‌ها",
				"همه خانواده‌ها به نوبت زینه‌ها را پاک می‌کنند. پلان پاک‌کاری در دهلیز آویزان است. وقتی نوبت شماست: زینه‌ها را جارو و پاک کنید و دستگیر را پاک کنید. نمی‌توانید؟ نوبت خود را با یک همسایه عوض کنید.",
			),
			section(
				"هوا دادن و گرمایش",
				"کلکین‌ها را روزی ۳ بار برای ۵ دقیقه کاملاً باز کنید. کلکین‌ها را تمام روز نیمه‌باز نگذارید. بعد از شاور گرفتن و آشپزی هوا بدهید. در زمستان هرگز گرمایش را کاملاً خاموش نکنید، ورنه پوپنک می‌زند.",
			),
			section(
				"بایسکل‌ها و کالسکه اطفال",
				"دهلیز باید خالی بماند؛ این راه فرار در وقت آتش‌سوزی هم است. بایسکل‌ها جای‌شان در تهکوی بایسکل است. لطفاً کالسکه و واکر را تنها جایی بگذارید که لوحه اجازه می‌دهد.",
			),
			section(
				"کباب در بالکن",
				"در بالکن با زغال یا آتش باز کباب نپزید. دود و جرقه همسایه‌ها را اذیت می‌کند و خطرناک است. گریل برقی اجازه است، اگر دود نکند.",
			),
			section(
				"اتاق لباس‌شویی",
				"نام خود را در پلان روی دروازه اتاق لباس‌شویی بنویسید و به وقت خود پابند باشید. بعد از شستن: ماشین را خالی کنید، فلتر پرز را پاک کنید و اتاق را پاک بگذارید. لباس‌های خود را همان روز ببرید.",
			),
			section("سوال دارید؟", "با کمال میل همه چیز را رو در رو برای شما توضیح می‌دهیم، با ترجمان هم."),
		]
	),
	"ps": "".join(
		[
			section(
				"د ارامۍ وختونه",
				"د شپې ارام له ۱۰ بجو تر سهار ۶ بجو پورې دی. د غرمې ارام له ۱ بجې تر ۳ بجو پورې دی. په دې وختونو کې مهرباني وکړئ ارام اوسئ: د موسیقۍ او تلویزیون غږ ټیټ کړئ، برمه او څټک مه کاروئ. ماشومان لوبې کولی شي، خو مهرباني وکړئ په زینو کې منډې او چیغې مه وهي.",
			),
			section(
				"د یکشنبې ارام",
				"په یکشنبو او رسمي رخصتیو کې ټوله ورځ ارامي وي. مهرباني وکړئ برمه مه کاروئ، واښه مه رېبئ او شور لرونکی کار مه کوئ.",
			),
			section(
				"د کثافاتو جلا کول",
				"ژړ سطل یا ژړه کڅوړه: د پلاستیک او فلز بسته بندي، لکه د ماستو لوښي او قطۍ. شین سطل: کاغذ او کارتن. نسواري سطل: عضوي کثافات، لکه د مېوو او سبزیو پاتې شونې او د قهوې تفاله. تور یا خړ سطل: نور کثافات، لکه پمپرونه. ښیښې د ښیښو کانټینر ته یوسئ. مهرباني وکړئ لوی شیان په انګړ کې مه پرېږدئ: د برمن ښار د پاکولو له ادارې (Bremer Stadtreinigung) څخه وخت واخلئ.",
			),
			section(
				"د زینو پاکول",
				"ټولې کورنۍ په نوبت زینې پاکوي. د پاکولو پلان په دهلیز کې ځړول شوی. کله چې ستاسو نوبت وي: زینې جارو او پاکې کړئ، لاسنیوی پاک کړئ. نشئ کولی؟ خپل نوبت له یوه ګاونډي سره بدل کړئ.",
			),
			section(
				"هوا ورکول او تودوخه",
				"کړکۍ په ورځ کې ۳ ځله د ۵ دقیقو لپاره بشپړې خلاصې کړئ. کړکۍ ټوله ورځ نیمه خلاصې مه پرېږدئ. له لمبېدو او پخلي وروسته هوا ورکړئ. په ژمي کې تودوخه هېڅکله بشپړه مه بندوئ، که نه پوپنه جوړېږي.",
			),
			section(
				"بایسکلونه او د ماشومانو ګاډي",
				"دهلیز باید خالي پاتې شي؛ دا د اور په وخت کې د تېښتې لاره هم ده. بایسکلونه د بایسکلونو په تهکوي کې ږدئ. مهرباني وکړئ د ماشومانو ګاډي او واکرونه یوازې هلته ودروئ چې یوه لوحه یې اجازه ورکوي.",
			),
			section(
				"په بالکون کې کباب",
				"په بالکون کې په سکرو یا خلاص اور کباب مه پخوئ. لوګی او سپرغۍ ګاونډیان ځوروي او خطرناک دي. برقي ګرل اجازه لري، که لوګی ونه کړي.",
			),
			section(
				"د کالو مینځلو خونه",
				"د کالو مینځلو د خونې پر دروازه په پلان کې خپل نوم ولیکئ او پر خپل وخت پابند اوسئ. له مینځلو وروسته: ماشین خالي کړئ، د وړیو فلټر پاک کړئ، خونه پاکه پرېږدئ. خپل کالي په همغه ورځ یوسئ.",
			),
			section("پوښتنې لرئ؟", "موږ په خوښۍ هر څه په مخامخ ډول درته تشریح کوو، د ژباړونکي په مرسته هم."),
		]
	),
	"ru": "".join(
		[
			section(
				"Часы тишины",
				"Ночной покой — с 22:00 до 6:00. Обеденный покой — с 13:00 до 15:00. В это время, пожалуйста, соблюдайте тишину: сделайте тише музыку и телевизор, не сверлите и не стучите молотком. Дети могут играть, но, пожалуйста, не бегать и не кричать на лестнице.",
			),
			section(
				"Воскресный покой",
				"По воскресеньям и в праздничные дни тишина весь день. Пожалуйста, не сверлите, не косите газон и не делайте шумных работ.",
			),
			section(
				"Сортировка мусора",
				"Жёлтый бак или жёлтый мешок: упаковка из пластика и металла, например стаканчики из-под йогурта и банки. Синий бак: бумага и картон. Коричневый бак: органические отходы, например остатки фруктов и овощей, кофейная гуща. Чёрный или серый бак: остальной мусор, например подгузники. Стекло относите в контейнер для стекла. Пожалуйста, не оставляйте крупногабаритный мусор во дворе: договоритесь о вывозе с городской службой уборки Бремена (Bremer Stadtreinigung).",
			),
			section(
				"Уборка лестницы",
				"Все жильцы убирают лестницу по очереди. График уборки висит в подъезде. Когда ваша очередь: подметите и вымойте лестницу, протрите перила. Не можете? Поменяйтесь с соседом.",
			),
			section(
				"Проветривание и отопление",
				"Открывайте окна полностью 3 раза в день на 5 минут. Не оставляйте окна приоткрытыми на весь день. Проветривайте после душа и готовки. Зимой никогда не выключайте отопление полностью, иначе появится плесень.",
			),
			section(
				"Велосипеды и детские коляски",
				"Коридор должен оставаться свободным: это также путь эвакуации при пожаре. Велосипеды ставьте в велосипедный подвал. Детские коляски и ходунки ставьте, пожалуйста, только там, где это разрешает табличка.",
			),
			section(
				"Гриль на балконе",
				"Не жарьте на балконе на углях или открытом огне. Дым и искры мешают соседям и опасны. Электрогриль разрешён, если он не дымит.",
			),
			section(
				"Прачечная",
				"Запишитесь в график на двери прачечной и соблюдайте своё время. После стирки: освободите машину, почистите фильтр от ворса, оставьте помещение чистым. Забирайте бельё в тот же день.",
			),
			section("Есть вопросы?", "Мы охотно всё объясним лично, в том числе с переводчиком."),
		]
	),
	"ti": "".join(
		[
			section(
				"ግዜ ህድኣት",
				"ናይ ለይቲ ዕረፍቲ ካብ ሰዓት 22:00 ክሳብ 06:00 እዩ። ናይ ቀትሪ ዕረፍቲ ካብ ሰዓት 13:00 ክሳብ 15:00 እዩ። በጃኹም ኣብዚ ግዜታት ህዱኣት ኩኑ፡ ድምጺ ሙዚቃን ተለቪዥንን ኣትሕቱ፡ መሰርሰሪን መዶሻን ኣይትጠቐሙ። ቆልዑ ክጻወቱ ይኽእሉ እዮም፡ ግን በጃኹም ኣብ መደያይቦ ኣይጎዩን ኣይጨድሩን።",
			),
			section(
				"ዕረፍቲ ሰንበት",
				"ኣብ መዓልትታት ሰንበትን ወግዓዊ በዓላትን ምሉእ መዓልቲ ህድኣት እዩ። በጃኹም መሰርሰሪ ኣይትጠቐሙ፡ ሳዕሪ ኣይትቑረጹ፡ ድምጺ ዘለዎ ስራሕ ድማ ኣይትስርሑ።",
			),
			section(
				"ጓሓፍ ምፍላይ",
				"ብጫ ባልዲ ወይ ብጫ ሳንጣ፡ ናይ ፕላስቲክን ሓጺንን መጠቕለሊታት፡ ንኣብነት ናይ እርጎ ኣቕሑን ታኒካታትን። ሰማያዊ ባልዲ፡ ወረቐትን ካርቶንን። ቡናዊ ባልዲ፡ ኦርጋኒክ ጓሓፍ፡ ንኣብነት ተረፍ ፍረታትን ኣሕምልትን ጎሓፍ ቡንን። ጸሊም ወይ ሓመዳዊ ባልዲ፡ ካልእ ጓሓፍ፡ ንኣብነት ፓምፐርስ። ብርጭቆ ናብ መቐመጢ ብርጭቆ ውሰዱ። በጃኹም ዓበይቲ ኣቑሑ ኣብ ቀጽሪ ኣይትግደፉ፡ ካብ ኣገልግሎት ጽሬት ከተማ ብሬመን (Bremer Stadtreinigung) ቆጸራ ሓዙ።",
			),
			section(
				"መደያይቦ ምጽራይ",
				"ኩሎም ስድራቤታት ብተራ ነቲ መደያይቦ የጽርይዎ። መደብ ጽሬት ኣብ ኮሪደር ተሰቒሉ ኣሎ። ተራኹም ምስ በጽሐ፡ ነቲ መደያይቦ ኣጽርዩን ሕጸብዎን፡ መትሓዚ ኢድ ድማ ደምስስዎ። ኣይትኽእሉን ዲኹም? ተራኹም ምስ ሓደ ጎረቤት ቀያይሩ።",
			),
			section(
				"ኣየር ምእታውን ምውዓይን",
				"መስኮታት መዓልቲ 3 ግዜ ን5 ደቓይቕ ምሉእ ብምሉእ ክፈቱ። መስኮታት ምሉእ መዓልቲ ፍርቂ ክፉታት ኣይትግደፉ። ድሕሪ ምሕጻብን ምስራሕ መግብን ኣየር ኣእትዉ። ኣብ ክረምቲ መሞቒ ፈጺምኩም ምሉእ ብምሉእ ኣይተጥፍኡ፡ እንተዘይኮይኑ ሻጋታ ይፍጠር።",
			),
			section(
				"ብሽክለታታትን ዓረብያታት ቆልዑን",
				"ኮሪደር ጥራሕ ክጸንሕ ኣለዎ፡ ኣብ ግዜ ሓዊ መህደሚ መንገዲ እውን እዩ። ብሽክለታታት ቦታኦም ኣብ ምድሪቤት ብሽክለታ እዩ። በጃኹም ዓረብያታት ቆልዑን መሳጎሚ ኣረጋውያንን ሓደ ምልክት ኣብ ዘፍቀደሉ ቦታ ጥራይ ኣቐምጡ።",
			),
			section(
				"ኣብ በልኮን ጥብሲ",
				"ኣብ በልኮን ብፈሓም ወይ ብክፉት ሓዊ ስጋ ኣይትጥብሱ። ትኪን ብልጭታን ንጎረባብቲ የጨንቑን ሓደገኛታት እዮምን። ኤሌክትሪካዊ ጥብሲ ትኪ እንተዘይኣውጺኡ ይፍቀድ እዩ።",
			),
			section(
				"ክፍሊ ሕጽቦ",
				"ኣብቲ ኣብ ማዕጾ ክፍሊ ሕጽቦ ዘሎ መደብ ስምኩም ጽሓፉ፡ ግዜኹም ድማ ሓልዉ። ድሕሪ ሕጽቦ፡ ነቲ ማሽን ኣጽድዉ፡ መጻረዪ ጸጉሪ ኣጽርዩ፡ ነቲ ክፍሊ ጽሩይ ገዲፍኩም ውጹ። ክዳውንትኹም ኣብታ ሓንቲ መዓልቲ ውሰዱ።",
			),
			section("ሕቶ ኣለኩም ድዩ?", "ንኹሉ ነገር ገጽ ንገጽ ብሓጎስ ነብርሃልኩም፡ ምስ ተርጓሚ እውን።"),
		]
	),
}


def ensure_sample() -> str | None:
	"""after_migrate: the sample, on a site that has no house rules yet; returns its name if created.
	A site that still has the untouched sample gets the drafts of languages added since."""
	if frappe.db.count("House Rules"):
		add_missing_translations()
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


def add_missing_translations() -> dict[str, list[str]]:
	"""The sample's drafts in languages it lacks, added to the sample itself while its German is still ours
	(a cooperative's own or edited rules are never touched); returns the languages added per version."""
	added: dict[str, list[str]] = {}
	for name in frappe.get_all(
		"House Rules", filters={"title": SAMPLE_TITLE, "german_hash": text_fingerprint(GERMAN)}, pluck="name"
	):
		doc = frappe.get_doc("House Rules", name)
		present = {row.language for row in doc.translations}
		missing = [
			code for code in TRANSLATIONS if code not in present and frappe.db.exists("Language", code)
		]
		for code in missing:
			doc.append(
				"translations", {"language": code, "text": TRANSLATIONS[code], "translated_by": DRAFTED_BY}
			)
		if missing:
			doc.save(ignore_permissions=True)
			added[name] = missing
	return added
