// The embedded text the vocabulary is built from. Frequent words first: their order sets
// their scores. The list only has to make ordinary English tokenize into whole words and
// leave other scripts as characters, never as <unk>, for the scripts it covers.

export const COMMON_WORDS = `
the of and to a in is it you that he was for on are with as his they be at one have this
from or had by not but what some we can out other were all there when up use your how said
an each she which do their time if will way about many then them write would like so these
her long make thing see him two has look more day could go come did number sound no most
people my over know water than call first who may down side been now find any new work part
take get place made live where after back little only round man year came show every good
me give our under name very through just form sentence great think say help low line differ
turn cause much mean before move right boy old too same tell does set three want air well
also play small end put home read hand port large spell add even land here must big high
such follow act why ask men change went light kind off need house picture try us again
animal point mother world near build self earth father head stand own page should country
found answer school grow study still learn plant cover food sun four between state keep eye
never last let thought city tree cross farm hard start might story saw far sea draw left
late run don't while press close night real life few north open seem together next white
children begin got walk example ease paper group always music those both mark often letter
until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough plain
girl usual young ready above ever red list though feel talk bird soon body dog family
direct pose leave song measure door product black short numeral class wind question happen
complete ship area half rock order fire south problem piece told knew pass since top whole
king space heard best hour better true during hundred five remember step early hold west
ground interest reach fast verb sing listen six table travel less morning ten simple
several vowel toward war lay against pattern slow center love person money serve appear
road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead
cry dark machine note wait plan figure star box noun field rest correct able pound done
beauty drive stood contain front teach week final gave green oh quick develop ocean warm
free minute strong special mind behind clear tail produce fact street inch multiply nothing
course stay wheel full force blue object decide surface deep moon island foot system busy
test record boat common gold possible plane stead dry wonder laugh thousand ago ran check
game shape equate hot miss brought heat snow tire bring yes distant fill east paint
language among capital panda bear eats bamboo giant species native computer data model
search query passage document score rank rerank relevant information website browser engine
largest city world population century history government university national international
`;

/** Written as they appear in text: proper nouns and sentence starters. */
export const CAPITALISED_WORDS = `
France Paris Germany Berlin China Beijing Japan Tokyo England London English Europe Russia
Moscow America American United States New York
`;

/** Also capitalised: sentence-initial words would otherwise fall apart into characters. */
export const CAPITALISED = `
the what how who where when why which is are do does can this that it in on for a an
there they we you he she i my our your his her their if not no yes please
`;

/** Word-internal pieces (no ▁): inflections and common suffixes. */
export const SUBWORDS = `
s es ed ing er ers est st ly tion tions ment ments ness al ic ity ful less able ive ous en
ies ied 's n't 're 've 'll 'd
`;

/** Punctuation and symbols beyond ASCII that survive NFKC unchanged. */
export const EXTRA_SYMBOLS = '¡¿«»§¶°±·×÷¢£¥©®–—‘’‚“”„†‡•‰‹›€←↑→↓√∞≈≠≤≥';

export const LATIN1_LETTERS = 'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ';

export const CYRILLIC_LETTERS = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя';

/** Frequent Chinese characters, kana and CJK punctuation. */
export const CJK_CHARACTERS =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音众ひらがなカタカナのはにをとがでしてますですアイウエオン。、「」';
