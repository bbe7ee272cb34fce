/**
 * Word lists for the name heuristics. A capitalised or introduced word is taken for part of a name
 * only if it is not one of these common words ("I am not happy", "Dear Customer", "Thanks, Team").
 */
export const COMMON_WORDS: readonly string[] = `
a about above after again against all almost also although always am an and another any anyone anything are around as at away
back be because been before being below best better between both but by can cannot could did do does doing done down during
each either else enough even ever every everyone everything few for from further get gets getting go going gone good got had has
have having he her here hers herself him himself his how however i if in into is it its itself just less like may maybe me might
mine more most much must my myself neither never no nobody none nor not nothing now of off often on once one only or other our
ours out over own please quite rather really same see seen she should since so some someone something soon still such than that
the their them then there these they this those though through thus to today tomorrow too under until up upon us very via was we
well were what when where whether which while who whom whose why will with within without would yes yesterday yet you your yours
able afraid alright angry annoyed around aware back busy certain concerned confused correct curious delighted disappointed done
eager excited fine free frustrated glad grateful happy here hoping interested just late looking new no not okay ok pleased ready
really sad satisfied sorry still sure surprised there thankful thrilled tired trying unable unhappy upset urgent waiting worried
writing wrong calling contacting following reaching replying responding checking asking emailing sending having going getting
important critical serious fine great good bad terrible awesome amazing perfect wonderful interesting strange weird odd
order orders invoice invoices team teams support customer customers client clients service services billing account accounts sales
department manager management office company payment payments refund refunds ticket tickets request requests update updates report
reports issue issues problem problems question questions help desk admin administrator system systems user users member members staff
everyone everybody all folks guys people colleagues friends sir madam madame ma'am mr mrs ms miss dr prof sirs gentlemen ladies
partner partners vendor vendors supplier suppliers finance accounting legal hr operations ops engineering product marketing security
it the info information contact contacts details detail notification notifications confirmation reminder reminders delivery shipping
note notes message messages email mail phone call number name names address addresses regarding re fwd subject attn hello hi hey dear
thanks thank thx cheers regards best kind warm warmly sincerely yours truly respectfully love care wishes many again advance
morning afternoon evening night day week month year monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december
team's test testing demo example sample draft final project projects job work here's there's it's that's what's
from to cc bcc re sent date inc ltd llc gmbh corp corporation group bank head lead senior junior chief officer director engineer
assistant agent bot automated noreply no-reply unknown anonymous valued dearest new old
misspelled misspelt spelled spelt listed missing incorrect different shown written printed displayed used changed wrong blank empty
look looking looked meet meeting met stay staying stayed arrive arrived arriving visit visiting based located sitting stuck work works working available reach reached find found check checked buy bought sell sold live lives living home
`.trim().split(/\s+/);

/**
 * Given names for the weak self-introductions ("i am jane doe", "this is jane"), where a common word
 * is as likely as a name. Names that are also common words (Will, May, Mark, Hope) are left out.
 */
export const GIVEN_NAMES: readonly string[] = `
aaron abdul abdullah adam adrian ahmed aisha alan albert alejandro alex alexander alexandra alice alicia alison amanda amelia amir
amy ana andrea andreas andrew andrés angela anna anne annie anthony antonio ari arjun arthur ashley aylin barbara ben benjamin beth
brian bruno camila carlos carla carmen caroline catherine charles charlie charlotte chen chloe chris christian christina christopher
claire clara daniel daniela david deborah dennis diana diego dmitri dominic doris dylan edward elena elif elijah elizabeth ella
emily emma eric erik ethan eva fatima felix fernando fiona francesca francis françois frank gabriel george gianluca grace greg
hannah hans harry helen henry hiroshi hugo ian ibrahim ines inès ingrid isaac isabel isabella ivan jack jacob james jan jane janet
jason javier jean jennifer jessica jin joanna joe john jonathan jorge josé joseph joshua juan julia julian justin karen karim kate
katherine kenji kevin kim laura lauren leila leo liam lily linda lisa liu lucas lucy luis luka łukasz maria mariam marie marta
martin mary matteo matthew maya mehmet mei mia michael michelle miguel mike mohamed mohammed monica nadia naomi natalia natasha
nathan ngũgĩ nicholas nicole nina noah nora oliver olivia omar oscar pablo paul paula pedro peter philip pierre priya rachel rahul
raj rebecca richard robert rosa ryan sam samantha samuel sara sarah sean sebastian sergei simon sofia sophia sophie stefan stephen
steven susan thomas tim timothy tom tomás tyler valentina victor victoria vincent wei william xavier yuki yusuf zara zoë zoe
`.trim().split(/\s+/);

/** Lower-case particles inside a surname: Ludwig van Beethoven, María de la Cruz, Ngũgĩ wa Thiong'o. */
export const NAME_PARTICLES: readonly string[] = ['van', 'von', 'de', 'da', 'das', 'dos', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'wa', 'ter', 'ten', 'y'];

const common = new Set(COMMON_WORDS);
const given = new Set(GIVEN_NAMES);

export function isCommonWord(word: string): boolean {
  return common.has(word.toLowerCase());
}

export function isGivenName(word: string): boolean {
  return given.has(word.toLowerCase());
}
