//! Industries: the industry as the text names it (`智能汽车及关键零部件产业`, `光伏`,
//! `核医药产业`), classified against the national *strategic emerging industries*
//! classification (战略性新兴产业分类 2018) or recognised as a traditional industry.
//!
//! The lexicon is one `static` table in this module (rows of word, [`Kind`], and whether the
//! word stands alone); [`kind_of`] looks a word up. The finder reads the text as written —
//! traditional script, full-width forms and inline pinyin (`產(chǎn)業(yè)`) are folded by
//! [`crate::normalize::Folded`] — and reports byte spans into the original text.
//!
//! # Rules
//!
//! 1. **Lexicon words** are found leftmost-longest (`新能源汽车` beats `新能源`, `泛半导体` beats
//!    `半导体`). A word written in Latin letters (`5G`) must not touch other letters or digits.
//! 2. **Industry phrases.** From a lexicon word the phrase runs right to an industry suffix
//!    (产业, 行业, 集群, 产业链, 产业集群, 产业链条, 赛道) over more lexicon words
//!    (`光伏新能源产业`), modifiers (关键, 核心, 零部件, 材料, 装备, 制造, 高端, 全 …) and
//!    connectors (及, 和, 与, 暨, 以及): `智能汽车及关键零部件产业`. A connector is not crossed
//!    when the word is an item of a `、` list (`新能源、生物医药和数字产业` gives `生物医药` and
//!    `数字产业`). Anything else (等, 的, numerals, punctuation, verbs) ends the attempt, and the
//!    word stands alone.
//! 3. **Generic words** (`汽车`, `电池`, `机械`, `橡胶`, `5G` …) are industries only in a phrase
//!    (`汽车产业`, `电池行业`, `5G产业`), never alone: alone they are products, technologies or
//!    parts of company names (`中策橡胶`).
//! 4. A word or phrase followed by `化` (`数字产业化`) is a process, a phrase followed by `局` or
//!    `厅` an office (`生物产业局`), a word followed by `技术` a technology (`人工智能技术`,
//!    `储能技术`) and one followed by `大学` or `学院` part of a name (`北京航空航天大学`): none is an
//!    industry mention.
//! 5. **Kind** of a phrase: the category of its first strategic emerging word; else
//!    [`Kind::Traditional`] if it has a traditional word; else [`Kind::Other`].
//!
//! | written | mention | kind |
//! |---|---|---|
//! | `以智能汽车及关键零部件产业为核心` | `智能汽车及关键零部件产业` | new-energy vehicles (5) |
//! | `全力保障光伏组件实现满产` | `光伏` | new energy (6) |
//! | `以集成电路、智能装备等为主导产业` | `集成电路`, `智能装备` | IT (1), equipment (2) |
//! | `民用航空产业链` | `民用航空产业链` | high-end equipment (2) |
//! | `核医药产业创业门槛很高` | `核医药产业` | biotechnology (4) |
//! | `鉛蓄電池、紡織水泥` | `鉛蓄電池`, `紡織`, `水泥` | traditional |
//! | `在窗帘布艺产业有40余年积累` | `窗帘布艺产业` | traditional |
//! | `汽车产业闭环` | `汽车产业` | other |
//! | `数字产业化持续跃迁` | — | |
//! | `人工智能技术` | — | |
//!
//! ```
//! use zh_econ::industry::{self, Category, Kind};
//!
//! let cases: &[(&str, &[(&str, Kind)])] = &[
//!     ("以智能汽车及关键零部件产业为核心",
//!      &[("智能汽车及关键零部件产业", Kind::StrategicEmerging(Category::NewEnergyVehicles))]),
//!     ("全力保障光伏组件实现满产", &[("光伏", Kind::StrategicEmerging(Category::NewEnergy))]),
//!     ("以集成电路、智能装备等为主导产业", &[
//!         ("集成电路", Kind::StrategicEmerging(Category::NextGenerationIt)),
//!         ("智能装备", Kind::StrategicEmerging(Category::HighEndEquipment)),
//!     ]),
//!     ("民用航空产业链", &[("民用航空产业链", Kind::StrategicEmerging(Category::HighEndEquipment))]),
//!     ("核医药产业创业门槛很高", &[("核医药产业", Kind::StrategicEmerging(Category::Biotechnology))]),
//!     ("鉛蓄電池、紡織水泥", &[("鉛蓄電池", Kind::Traditional), ("紡織", Kind::Traditional), ("水泥", Kind::Traditional)]),
//!     ("在窗帘布艺产业有40余年积累", &[("窗帘布艺产业", Kind::Traditional)]),
//!     ("汽车产业闭环", &[("汽车产业", Kind::Other)]),
//!     ("数字产业化持续跃迁", &[]),
//!     ("人工智能技术", &[]),
//! ];
//! for (text, want) in cases {
//!     let got: Vec<(&str, Kind)> = industry::find(text).iter().map(|m| (&text[m.start..m.end], m.kind)).collect();
//!     assert_eq!(&got, want, "{text}");
//! }
//! ```

use crate::lexicon::{leftmost_longest, Lexicons, Match};
use crate::normalize::Folded;
use std::fmt;
use std::sync::LazyLock;

/// The nine top-level categories of the strategic emerging industries classification
/// (战略性新兴产业分类 2018, National Bureau of Statistics order 23), with their codes 1–9.
///
/// Serialized in snake case (`"next_generation_it"`, `"new_energy"` …).
///
/// ```
/// use zh_econ::industry::Category;
/// assert_eq!(Category::NewEnergyVehicles.code(), 5);
/// assert_eq!(Category::NewEnergyVehicles.name(), "新能源汽车产业");
/// assert_eq!(Category::ALL.len(), 9);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Category {
    /// 1 新一代信息技术产业: integrated circuits, software, AI, cloud, big data, 5G networks.
    NextGenerationIt,
    /// 2 高端装备制造产业: intelligent manufacturing equipment, aviation, satellites, rail, marine.
    HighEndEquipment,
    /// 3 新材料产业: advanced steel, non-ferrous, chemical and inorganic materials, fibres.
    NewMaterials,
    /// 4 生物产业: biomedicine, medical devices, bio-agriculture, bio-manufacturing.
    Biotechnology,
    /// 5 新能源汽车产业: new-energy and intelligent vehicles, their parts and power batteries.
    NewEnergyVehicles,
    /// 6 新能源产业: nuclear, wind, solar, biomass, hydrogen, smart grids, storage.
    NewEnergy,
    /// 7 节能环保产业: energy saving, environmental protection, resource recycling.
    EnergySavingEnvironmental,
    /// 8 数字创意产业: digital creative technology, content and design.
    DigitalCreative,
    /// 9 相关服务业: R&D, testing and certification, intellectual property, incubation services.
    RelatedServices,
}

impl Category {
    /// Every category, in code order.
    ///
    /// ```
    /// use zh_econ::industry::Category;
    /// let codes: Vec<u8> = Category::ALL.iter().map(|c| c.code()).collect();
    /// assert_eq!(codes, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    /// ```
    pub const ALL: [Category; 9] = [
        Category::NextGenerationIt,
        Category::HighEndEquipment,
        Category::NewMaterials,
        Category::Biotechnology,
        Category::NewEnergyVehicles,
        Category::NewEnergy,
        Category::EnergySavingEnvironmental,
        Category::DigitalCreative,
        Category::RelatedServices,
    ];

    /// The category's code in the classification (1–9).
    ///
    /// ```
    /// assert_eq!(zh_econ::industry::Category::NextGenerationIt.code(), 1);
    /// ```
    pub const fn code(self) -> u8 {
        match self {
            Category::NextGenerationIt => 1,
            Category::HighEndEquipment => 2,
            Category::NewMaterials => 3,
            Category::Biotechnology => 4,
            Category::NewEnergyVehicles => 5,
            Category::NewEnergy => 6,
            Category::EnergySavingEnvironmental => 7,
            Category::DigitalCreative => 8,
            Category::RelatedServices => 9,
        }
    }

    /// The category's official name.
    ///
    /// ```
    /// assert_eq!(zh_econ::industry::Category::HighEndEquipment.name(), "高端装备制造产业");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Category::NextGenerationIt => "新一代信息技术产业",
            Category::HighEndEquipment => "高端装备制造产业",
            Category::NewMaterials => "新材料产业",
            Category::Biotechnology => "生物产业",
            Category::NewEnergyVehicles => "新能源汽车产业",
            Category::NewEnergy => "新能源产业",
            Category::EnergySavingEnvironmental => "节能环保产业",
            Category::DigitalCreative => "数字创意产业",
            Category::RelatedServices => "相关服务业",
        }
    }
}

impl fmt::Display for Category {
    /// Writes the official name.
    ///
    /// ```
    /// assert_eq!(zh_econ::industry::Category::NewMaterials.to_string(), "新材料产业");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What kind of industry a mention names.
///
/// Serialized externally tagged in snake case: `{"strategic_emerging": "new_energy"}`,
/// `"traditional"`, `"other"`.
///
/// ```
/// use zh_econ::industry::{Category, Kind};
/// let k = Kind::StrategicEmerging(Category::NewEnergy);
/// assert_eq!(k.category(), Some(Category::NewEnergy));
/// assert!(k.is_strategic_emerging());
/// assert_eq!(Kind::Traditional.category(), None);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Kind {
    /// A strategic emerging industry of the given category.
    StrategicEmerging(Category),
    /// A traditional or advantage industry (纺织, 经编, 袜业, 钢铁, 水泥, 铅蓄电池, 窗帘布艺 …).
    Traditional,
    /// Any other industry (汽车, 机械, 现代服务业 …).
    Other,
}

impl Kind {
    /// The strategic emerging category, if the kind is one.
    ///
    /// ```
    /// use zh_econ::industry::{Category, Kind};
    /// assert_eq!(Kind::StrategicEmerging(Category::Biotechnology).category(), Some(Category::Biotechnology));
    /// assert_eq!(Kind::Other.category(), None);
    /// ```
    pub const fn category(self) -> Option<Category> {
        match self {
            Kind::StrategicEmerging(c) => Some(c),
            _ => None,
        }
    }

    /// True for a strategic emerging industry.
    ///
    /// ```
    /// use zh_econ::industry::Kind;
    /// assert!(!Kind::Traditional.is_strategic_emerging());
    /// ```
    pub const fn is_strategic_emerging(self) -> bool {
        matches!(self, Kind::StrategicEmerging(_))
    }
}

/// An industry named in a text.
///
/// ```
/// use zh_econ::industry::{self, Category, Kind};
/// let text = "探索出一條以智能汽車及關(guān)鍵零部件產(chǎn)業(yè)為核心的路";
/// let m = &industry::find(text)[0];
/// assert_eq!(m.text, "智能汽車及關(guān)鍵零部件產(chǎn)業(yè)");
/// assert_eq!(&text[m.start..m.end], m.text);
/// assert_eq!(m.name, "智能汽车及关键零部件产业");
/// assert_eq!(m.kind, Kind::StrategicEmerging(Category::NewEnergyVehicles));
/// assert_eq!(m.keywords, ["智能汽车"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IndustryCluster {
    /// Byte offset of the first character in the text.
    pub start: usize,
    /// Byte offset just past the mention (past any pinyin annotation of its last character).
    pub end: usize,
    /// The mention as written: `text == &input[start..end]`.
    pub text: String,
    /// The mention in simplified script, pinyin annotations dropped.
    pub name: String,
    /// Strategic emerging (with its category), traditional, or other.
    pub kind: Kind,
    /// The lexicon words the mention contains, in order, in simplified script.
    pub keywords: Vec<String>,
}

/// Whether a lexicon word is an industry on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Alone or in a phrase.
    Alone,
    /// Only in a phrase ending in an industry suffix (`汽车产业`, not `吉利汽车`).
    Phrase,
}

use Category::{
    Biotechnology as Bio, DigitalCreative as Dc, EnergySavingEnvironmental as Env, HighEndEquipment as Equip,
    NewEnergy as Ne, NewEnergyVehicles as Nev, NewMaterials as Mat, NextGenerationIt as It, RelatedServices as Srv,
};
use Use::{Alone, Phrase};

const fn se(c: Category) -> Kind {
    Kind::StrategicEmerging(c)
}
const TRAD: Kind = Kind::Traditional;
const OTHER: Kind = Kind::Other;

/// The lexicon: one row per industry word in simplified script, with its kind and whether it is an
/// industry on its own. Traditional script, full-width forms and pinyin noise need no rows.
#[rustfmt::skip]
static LEXICON: &[(&str, Kind, Use)] = &[
    // 1 新一代信息技术产业
    ("新一代信息技术", se(It), Alone), ("集成电路", se(It), Alone), ("半导体", se(It), Alone),
    ("泛半导体", se(It), Alone), ("芯片", se(It), Alone), ("人工智能", se(It), Alone),
    ("大数据", se(It), Alone), ("云计算", se(It), Alone), ("物联网", se(It), Alone),
    ("智能物联", se(It), Alone), ("工业互联网", se(It), Alone), ("软件", se(It), Alone),
    ("软件和信息技术服务", se(It), Alone), ("电子信息", se(It), Alone), ("新型显示", se(It), Alone),
    ("区块链", se(It), Alone), ("数字经济", se(It), Alone), ("数字产业", se(It), Alone),
    ("数字安防", se(It), Alone), ("信息安全", se(It), Alone), ("网络安全", se(It), Alone),
    ("视觉智能", se(It), Alone), ("智能计算", se(It), Alone), ("元宇宙", se(It), Alone),
    ("5G", se(It), Phrase), ("通信", se(It), Phrase), ("电子", se(It), Phrase),
    // 2 高端装备制造产业
    ("高端装备", se(Equip), Alone), ("高端装备制造", se(Equip), Alone), ("智能装备", se(Equip), Alone),
    ("智能制造装备", se(Equip), Alone), ("智能制造", se(Equip), Alone), ("航空航天", se(Equip), Alone),
    ("民用航空", se(Equip), Alone), ("航空装备", se(Equip), Alone), ("航空发动机", se(Equip), Alone),
    ("燃气轮机", se(Equip), Alone), ("无人机", se(Equip), Alone), ("卫星导航", se(Equip), Alone),
    ("海洋工程装备", se(Equip), Alone), ("海工装备", se(Equip), Alone), ("轨道交通装备", se(Equip), Alone),
    ("轨道交通", se(Equip), Alone), ("机器人", se(Equip), Alone), ("工业机器人", se(Equip), Alone),
    ("数控机床", se(Equip), Alone), ("航空", se(Equip), Phrase), ("航天", se(Equip), Phrase),
    // 3 新材料产业
    ("新材料", se(Mat), Alone), ("先进材料", se(Mat), Alone), ("前沿新材料", se(Mat), Alone),
    ("复合材料", se(Mat), Alone), ("碳纤维", se(Mat), Alone), ("高性能纤维", se(Mat), Alone),
    ("石墨烯", se(Mat), Alone), ("稀土", se(Mat), Phrase), ("先进钢铁材料", se(Mat), Alone),
    ("化工新材料", se(Mat), Alone), ("新能源材料", se(Mat), Alone), ("电子材料", se(Mat), Alone),
    // 4 生物产业
    ("生物医药", se(Bio), Alone), ("生物制药", se(Bio), Alone), ("生物技术", se(Bio), Phrase),
    ("医疗器械", se(Bio), Alone), ("高端医疗器械", se(Bio), Alone), ("核医药", se(Bio), Alone),
    ("核药", se(Bio), Alone), ("生命健康", se(Bio), Alone), ("大健康", se(Bio), Alone),
    ("生物制造", se(Bio), Alone), ("生物农业", se(Bio), Alone), ("创新药", se(Bio), Alone),
    ("医药", se(Bio), Phrase), ("生物", se(Bio), Phrase),
    // 5 新能源汽车产业
    ("新能源汽车", se(Nev), Alone), ("智能汽车", se(Nev), Alone), ("智能网联汽车", se(Nev), Alone),
    ("纯电动汽车", se(Nev), Alone), ("电动汽车", se(Nev), Alone), ("燃料电池汽车", se(Nev), Alone),
    ("动力电池", se(Nev), Alone), ("充电桩", se(Nev), Alone),
    // 6 新能源产业
    ("新能源", se(Ne), Alone), ("光伏", se(Ne), Alone), ("太阳能", se(Ne), Alone),
    ("风电", se(Ne), Alone), ("风能", se(Ne), Alone), ("氢能", se(Ne), Alone),
    ("储能", se(Ne), Alone), ("新型储能", se(Ne), Alone), ("核电", se(Ne), Alone),
    ("核能", se(Ne), Alone), ("生物质能", se(Ne), Alone), ("智能电网", se(Ne), Alone),
    ("锂电池", se(Ne), Alone), ("锂电", se(Ne), Alone), ("氢燃料电池", se(Ne), Alone),
    // 7 节能环保产业
    ("节能环保", se(Env), Alone), ("绿色低碳", se(Env), Alone), ("资源循环利用", se(Env), Alone),
    ("环保", se(Env), Phrase), ("节能", se(Env), Phrase),
    // 8 数字创意产业
    ("数字创意", se(Dc), Alone), ("数字文化", se(Dc), Alone), ("数字内容", se(Dc), Alone),
    ("文化创意", se(Dc), Alone), ("动漫游戏", se(Dc), Alone), ("电子竞技", se(Dc), Alone),
    ("虚拟现实", se(Dc), Alone),
    // 9 相关服务业
    ("科技服务业", se(Srv), Alone), ("检验检测", se(Srv), Alone), ("研发设计服务", se(Srv), Alone),
    ("知识产权服务", se(Srv), Alone), ("科技服务", se(Srv), Phrase),
    // Traditional and advantage industries.
    ("纺织", TRAD, Alone), ("轻纺", TRAD, Alone), ("服装", TRAD, Alone), ("家纺", TRAD, Alone),
    ("经编", TRAD, Alone), ("袜业", TRAD, Alone), ("丝绸", TRAD, Alone), ("化纤", TRAD, Alone),
    ("印染", TRAD, Alone), ("皮革", TRAD, Alone), ("制革", TRAD, Alone), ("鞋业", TRAD, Alone),
    ("制鞋", TRAD, Alone), ("家具", TRAD, Alone), ("钢铁", TRAD, Alone), ("钢材", TRAD, Alone),
    ("水泥", TRAD, Alone), ("建材", TRAD, Alone), ("化工", TRAD, Alone), ("铅蓄电池", TRAD, Alone),
    ("造纸", TRAD, Alone), ("窗帘布艺", TRAD, Alone), ("布艺", TRAD, Alone), ("农副食品", TRAD, Alone),
    ("农副食品加工", TRAD, Alone), ("五金", TRAD, Alone), ("电镀", TRAD, Alone), ("铸造", TRAD, Alone),
    ("电线电缆", TRAD, Alone), ("有色金属", TRAD, Phrase), ("橡胶", TRAD, Phrase), ("塑料", TRAD, Phrase),
    ("玻璃", TRAD, Phrase), ("陶瓷", TRAD, Phrase), ("食品", TRAD, Phrase),
    // Other industries: named only in a phrase, except where the word is unambiguous.
    ("汽车零部件", OTHER, Alone), ("现代服务业", OTHER, Alone), ("跨境电商", OTHER, Alone),
    ("汽车", OTHER, Phrase), ("电池", OTHER, Phrase), ("机械", OTHER, Phrase), ("发电", OTHER, Phrase),
    ("装备制造", OTHER, Phrase), ("家电", OTHER, Phrase), ("物流", OTHER, Phrase), ("金融", OTHER, Phrase),
    ("旅游", OTHER, Phrase), ("文化旅游", OTHER, Phrase), ("量子", OTHER, Phrase),
];

/// Words that end an industry phrase, longest first where one begins another.
const SUFFIXES: &[&str] = &["产业集群", "产业链条", "产业链", "产业", "行业", "集群", "赛道"];

/// Words an industry phrase may run over between its lexicon words and its suffix.
#[rustfmt::skip]
const MODIFIERS: &[&str] = &[
    "关键零部件", "零部件", "零配件", "元器件", "关键", "核心", "部件", "配件", "器件", "整车", "材料", "制造",
    "装备", "设备", "服务", "应用", "高端", "先进", "新兴", "优势", "主导", "支柱", "特色", "配套", "研发", "全",
];

/// Connectors between two parts of a coordinated phrase.
const CONNECTORS: &[&str] = &["以及", "及", "和", "与", "暨"];

/// The longest phrase read, in bytes of folded text (about 30 Han characters).
const MAX_PHRASE: usize = 90;

/// The words of [`LEXICON`], in order: pattern ids are rows.
pub(crate) fn words() -> Vec<&'static str> {
    LEXICON.iter().map(|r| r.0).collect()
}

/// The lexicon for a search of its own (`None` only if it failed to build).
static WORDS: LazyLock<Option<Lexicons>> = LazyLock::new(|| Lexicons::new(&[words()]));

/// The kind of an industry word of the lexicon (simplified or traditional script), if it is one.
///
/// ```
/// use zh_econ::industry::{kind_of, Category, Kind};
/// assert_eq!(kind_of("集成电路"), Some(Kind::StrategicEmerging(Category::NextGenerationIt)));
/// assert_eq!(kind_of("紡織"), Some(Kind::Traditional));
/// assert_eq!(kind_of("马面裙"), None);
/// ```
pub fn kind_of(word: &str) -> Option<Kind> {
    let folded = crate::normalize::fold_str(word.trim());
    LEXICON.iter().find(|r| r.0 == folded).map(|r| r.1)
}

/// A lexicon match in folded text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    row: usize,
}

/// Every industry mentioned in `text`, in order, non-overlapping, with byte spans into `text` as
/// written (see the module documentation for the rules). Linear in the length of the text.
///
/// ```
/// use zh_econ::industry::{find, Kind};
/// let text = "聚焦经编、家纺、袜业等产业，开展大规模设备更新";
/// let found = find(text);
/// let names: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
/// assert_eq!(names, ["经编", "家纺", "袜业"]);
/// assert!(found.iter().all(|m| m.kind == Kind::Traditional));
/// assert!(find("产业发展").is_empty());
/// ```
pub fn find(text: &str) -> Vec<IndustryCluster> {
    let f = Folded::new(text, 0);
    let found = WORDS.as_ref().map(|l| l.search(&f.text)).unwrap_or_default();
    find_matched(text, &f, found.list(0))
}

/// [`find`] over the document's folded copy `f` of `text`, with the starts
/// of the lexicon's [`words`] in it (the document pass searches its lists
/// together).
pub(crate) fn find_matched(text: &str, f: &Folded, starts: &[Match]) -> Vec<IndustryCluster> {
    let s = f.text.as_str();
    let hits: Vec<Hit> = leftmost_longest(starts)
        .filter(|m| ascii_bounded(s, m.start(), m.end()))
        .map(|m| Hit {
            start: m.start(),
            end: m.end(),
            row: m.pattern().as_usize(),
        })
        .collect();

    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&hit) = hits.get(i) {
        if let Some((end, used)) = phrase(s, &hits, i) {
            out.push(mention(text, f, hit.start, end, hits.get(i..i + used).unwrap_or(&[])));
            i += used;
            continue;
        }
        let alone = LEXICON.get(hit.row).is_some_and(|r| r.2 == Alone);
        let rest = s.get(hit.end..).unwrap_or("");
        let other_noun = ["技术", "大学", "学院"].iter().any(|w| rest.starts_with(w));
        if alone && !rest.starts_with('化') && !other_noun {
            out.push(mention(text, f, hit.start, hit.end, std::slice::from_ref(&hit)));
        }
        i += 1;
    }
    out
}

/// The industry phrase starting at `hits[i]`: its end in folded text and how many hits it covers.
fn phrase(s: &str, hits: &[Hit], i: usize) -> Option<(usize, usize)> {
    let first = hits.get(i)?;
    let in_list = s.get(..first.start).unwrap_or("").trim_end().ends_with('、');
    let limit = first.start + MAX_PHRASE;
    let mut pos = first.end;
    let mut next = i + 1;
    // The word itself may end in a suffix (数字产业): it is then a phrase of its own.
    let word = LEXICON.get(first.row).map_or("", |r| r.0);
    if SUFFIXES.iter().any(|x| word.ends_with(x)) {
        return close(s, pos, 1);
    }
    while pos < limit {
        let rest = s.get(pos..)?;
        if let Some(x) = SUFFIXES.iter().find(|x| rest.starts_with(*x)) {
            let end = pos + x.len();
            if s.get(end..).unwrap_or("").starts_with(['化', '局', '厅']) {
                return None;
            }
            return Some((end, next - i));
        }
        if let Some(h) = hits.get(next).filter(|h| h.start == pos) {
            pos = h.end;
            next += 1;
            // A later word that ends in a suffix closes the phrase (生物医药和数字产业).
            let word = LEXICON.get(h.row).map_or("", |r| r.0);
            if SUFFIXES.iter().any(|x| word.ends_with(x)) {
                return close(s, pos, next - i);
            }
            continue;
        }
        if !in_list {
            if let Some(c) = CONNECTORS.iter().find(|c| rest.starts_with(*c)) {
                pos += c.len();
                continue;
            }
        }
        if let Some(m) = MODIFIERS.iter().find(|m| rest.starts_with(*m)) {
            pos += m.len();
            continue;
        }
        return None;
    }
    None
}

/// Closes a phrase whose last word ends in 产业 at `pos`: 链 or 集群 may follow (`数字产业集群`);
/// 化 after it makes a process (`数字产业化`), 局 or 厅 an office (`生物产业局`), not an industry.
fn close(s: &str, pos: usize, used: usize) -> Option<(usize, usize)> {
    let rest = s.get(pos..).unwrap_or("");
    let more = ["集群", "链条", "链"]
        .iter()
        .find(|x| rest.starts_with(*x))
        .map_or(0, |x| x.len());
    let end = pos + more;
    (!s.get(end..).unwrap_or("").starts_with(['化', '局', '厅'])).then_some((end, used))
}

/// A Latin word (`5G`) must not touch other letters or digits.
fn ascii_bounded(s: &str, start: usize, end: usize) -> bool {
    let word = s.get(start..end).unwrap_or("");
    if !word.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric()) {
        return true;
    }
    let before = s.get(..start).and_then(|p| p.chars().next_back());
    let after = s.get(end..).and_then(|p| p.chars().next());
    !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

fn mention(text: &str, f: &Folded, start: usize, end: usize, hits: &[Hit]) -> IndustryCluster {
    let (ostart, oend) = (f.original(start), f.original_end(end));
    let rows: Vec<&(&str, Kind, Use)> = hits.iter().filter_map(|h| LEXICON.get(h.row)).collect();
    let kind = rows
        .iter()
        .find(|r| r.1.is_strategic_emerging())
        .or_else(|| rows.iter().find(|r| r.1 == Kind::Traditional))
        .map_or(Kind::Other, |r| r.1);
    IndustryCluster {
        start: ostart,
        end: oend,
        text: text.get(ostart..oend).unwrap_or("").to_string(),
        name: f.text.get(start..end).unwrap_or("").to_string(),
        kind,
        keywords: rows.iter().map(|r| r.0.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::is_han;

    fn name_char(c: char) -> bool {
        is_han(c) || c.is_ascii_alphanumeric()
    }

    fn spans(text: &str) -> Vec<(&str, Kind)> {
        find(text).iter().map(|m| (&text[m.start..m.end], m.kind)).collect()
    }

    #[test]
    fn lexicon_has_no_duplicates_and_is_simplified() {
        let mut seen = std::collections::HashSet::new();
        for (w, _, _) in LEXICON {
            assert!(seen.insert(*w), "duplicate row {w}");
            assert_eq!(crate::normalize::fold_str(w), *w, "{w} is not in simplified script");
            assert!(w.chars().all(name_char), "{w}");
        }
    }

    #[test]
    fn every_category_has_words() {
        for c in Category::ALL {
            assert!(LEXICON.iter().any(|r| r.1 == Kind::StrategicEmerging(c)), "{c}");
        }
    }

    #[test]
    fn coordinated_phrase() {
        assert_eq!(
            spans("一条以智能汽车及关键零部件产业为核心"),
            [("智能汽车及关键零部件产业", se(Nev))]
        );
        assert_eq!(spans("光伏新能源产业"), [("光伏新能源产业", se(Ne))]);
        assert_eq!(spans("纺织服装行业"), [("纺织服装行业", TRAD)]);
    }

    #[test]
    fn list_items_are_not_coordinated() {
        assert_eq!(
            spans("新能源、智能装备、生物医药和数字产业齐头并进"),
            [
                ("新能源", se(Ne)),
                ("智能装备", se(Equip)),
                ("生物医药", se(Bio)),
                ("数字产业", se(It))
            ]
        );
    }

    #[test]
    fn phrase_stops_at_numerals_and_particles() {
        assert_eq!(spans("光伏、风电三大产业链条"), [("光伏", se(Ne)), ("风电", se(Ne))]);
        assert_eq!(spans("建材等传统产业"), [("建材", TRAD)]);
        assert_eq!(spans("“3+N”新能源特色化产业体系"), [("新能源", se(Ne))]);
    }

    #[test]
    fn generic_words_need_a_suffix() {
        assert_eq!(spans("电池行业龙头企业"), [("电池行业", OTHER)]);
        assert!(spans("吉利汽车").is_empty());
        assert!(spans("中策橡胶投资5亿元").is_empty());
        assert_eq!(spans("5G产业"), [("5G产业", se(It))]);
        assert!(spans("首个5G应用场景").is_empty());
        assert!(spans("15G产业").is_empty());
    }

    #[test]
    fn processes_and_technologies_are_not_industries() {
        assert!(spans("数字产业化").is_empty());
        assert!(spans("人工智能技术").is_empty());
        assert!(spans("光伏产业化").iter().all(|m| m.0 == "光伏"));
        assert!(spans("四川成都高新区生物产业局党组书记").is_empty());
        assert!(spans("北京航空航天大学杭州创新研究院").is_empty());
        assert_eq!(spans("数字经济与高端制造业融合"), [("数字经济", se(It))]);
    }

    #[test]
    fn traditional_script_and_pinyin() {
        let text = "鉛蓄電池、紡織水泥、建材等傳統產(chǎn)業(yè)";
        assert_eq!(
            spans(text),
            [("鉛蓄電池", TRAD), ("紡織", TRAD), ("水泥", TRAD), ("建材", TRAD)]
        );
        let text = "智能汽車產(chǎn)業(yè)政產(chǎn)學";
        assert_eq!(spans(text), [("智能汽車產(chǎn)業(yè)", se(Nev))]);
    }

    #[test]
    fn negatives() {
        for t in ["一家公司", "产业发展", "人才", "", "战略性新兴产业", "传统产业转型升级"] {
            assert!(find(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn spans_are_char_boundaries_on_odd_input() {
        for t in [
            "(chǎn)光伏",
            "光伏(",
            "产业光",
            "５Ｇ产业",
            "\u{feff}光伏",
            "及产业",
            "、和产业",
        ] {
            for m in find(t) {
                assert_eq!(t.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
    }
}
