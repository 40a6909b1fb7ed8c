// gen.ts
var import_fs2 = require("fs");

// ../../work/wt-mapdraft/test/helpers/supplier-panel.ts
var import_fs = require("fs");
var import_path = require("path");

// ../../work/wt-mapdraft/node_modules/simple-statistics/dist/simple-statistics.mjs
var BayesianClassifier = function BayesianClassifier2() {
  this.totalCount = 0;
  this.data = {};
};
BayesianClassifier.prototype.train = function train(item2, category) {
  if (!this.data[category]) {
    this.data[category] = {};
  }
  for (var k in item2) {
    var v = item2[k];
    if (this.data[category][k] === void 0) {
      this.data[category][k] = {};
    }
    if (this.data[category][k][v] === void 0) {
      this.data[category][k][v] = 0;
    }
    this.data[category][k][v]++;
  }
  this.totalCount++;
};
BayesianClassifier.prototype.score = function score(item2) {
  var odds = {};
  var category;
  for (var k in item2) {
    var v = item2[k];
    for (category in this.data) {
      if (odds[category] === void 0) {
        odds[category] = {};
      }
      if (this.data[category][k]) {
        odds[category][k + "_" + v] = (this.data[category][k][v] || 0) / this.totalCount;
      } else {
        odds[category][k + "_" + v] = 0;
      }
    }
  }
  var oddsSums = {};
  for (category in odds) {
    oddsSums[category] = 0;
    for (var combination in odds[category]) {
      oddsSums[category] += odds[category][combination];
    }
  }
  return oddsSums;
};
var g = 607 / 128;
var LOGSQRT2PI = Math.log(Math.sqrt(2 * Math.PI));
var SQRT_2PI$1 = Math.sqrt(2 * Math.PI);
function cumulativeDistribution(z2) {
  var sum = z2;
  var tmp = z2;
  for (var i = 1; i < 30; i++) {
    tmp *= z2 * z2 / (2 * i + 1);
    sum += tmp;
  }
  return Math.round((0.5 + sum / SQRT_2PI$1 * Math.exp(-z2 * z2 / 2)) * 1e4) / 1e4;
}
var standardNormalTable = [];
for (z = 0; z <= 3.09; z += 0.01) {
  standardNormalTable.push(cumulativeDistribution(z));
}
var z;
var SQRT_2PI = Math.sqrt(2 * Math.PI);
var PerceptronModel = function PerceptronModel2() {
  this.weights = [];
  this.bias = 0;
};
PerceptronModel.prototype.predict = function predict(features) {
  if (features.length !== this.weights.length) {
    return null;
  }
  var score2 = 0;
  for (var i = 0; i < this.weights.length; i++) {
    score2 += this.weights[i] * features[i];
  }
  score2 += this.bias;
  if (score2 > 0) {
    return 1;
  } else {
    return 0;
  }
};
PerceptronModel.prototype.train = function train2(features, label2) {
  if (label2 !== 0 && label2 !== 1) {
    return null;
  }
  if (features.length !== this.weights.length) {
    this.weights = features.slice();
    this.bias = 1;
  }
  var prediction = this.predict(features);
  if (typeof prediction === "number" && prediction !== label2) {
    var gradient = label2 - prediction;
    for (var i = 0; i < this.weights.length; i++) {
      this.weights[i] += gradient * features[i];
    }
    this.bias += gradient;
  }
  return this;
};

// ../../work/wt-mapdraft/src/survey/replicate-hadamard.ts
var PRIMES = [
  3,
  7,
  11,
  19,
  23,
  31,
  43,
  47,
  59,
  67,
  71,
  79,
  83,
  103,
  107,
  127,
  131,
  139,
  151,
  163,
  167,
  179,
  191,
  199
];
PRIMES.push(...[211, 223, 227, 239, 251, 263, 271, 283, 307, 311, 331, 347, 359, 367, 379, 383, 419, 431, 439, 443]);
PRIMES.push(...[463, 467, 479, 487, 491, 499, 503, 523, 547, 563, 571, 587, 599, 607, 619, 631, 643, 647, 659, 683]);
PRIMES.push(...[691, 719, 727, 739, 743, 751, 787, 811, 823, 827, 839, 859, 863, 883, 887, 907, 911, 919, 947, 967]);
PRIMES.push(...[971, 983, 991]);

// ../../work/wt-mapdraft/src/survey/distributions.ts
var SQRT_2PI2 = Math.sqrt(2 * Math.PI);
var LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// ../../work/wt-mapdraft/src/codebook/labels.ts
var label = (da, en) => ({ da, en });
var codeLabels = (...triples) => triples.map(([code, da, en]) => ({ code, label: label(da, en) }));

// ../../work/wt-mapdraft/src/codebook/conditions.ts
var ALWAYS = { always: true };

// ../../work/wt-mapdraft/src/codebook/answers.ts
var item = (key2, published, da, en) => ({
  key: key2,
  published,
  label: label(da, en)
});
var BRANCHE_CODES = codeLabels(
  [1, "Landbrug, skovbrug og fiskeri", "Agriculture, forestry and fishing"],
  [2, "Industri, r\xE5stofindvinding og forsyningsvirksomhed", "Manufacturing, mining and utilities"],
  [3, "Bygge og anl\xE6g", "Construction"],
  [4, "Handel og transport mv.", "Trade and transport etc."],
  [5, "Information og kommunikation", "Information and communication"],
  [6, "Finansiering og forsikring", "Finance and insurance"],
  [7, "Ejendomshandel og udlejning", "Real estate"],
  [8, "Erhvervsservice", "Business services"],
  [9, "Offentlig administration, undervisning og sundhed", "Public administration, education and health"],
  [10, "Kultur, fritid og anden service", "Arts, entertainment and other services"]
);
var STOERRELSE_CODES = codeLabels(
  [1, "Under 10 \xE5rsv\xE6rk", "Under 10 FTE"],
  [2, "10-49 \xE5rsv\xE6rk", "10-49 FTE"],
  [3, "50-249 \xE5rsv\xE6rk", "50-249 FTE"]
);
var UNDER_10_FTE = [1];
var AT_LEAST_10_FTE = [2, 3];
var ERHVERVSHUS_CODES = codeLabels(
  [1, "Hovedstaden", "Capital Region"],
  [2, "Sj\xE6lland", "Zealand"],
  [3, "Fyn", "Funen"],
  [4, "Sydjylland", "South Jutland"],
  [5, "Midtjylland", "Central Jutland"],
  [6, "Nordjylland", "North Jutland"]
);
var ALDER_CODES = codeLabels(
  [1, "0-4 \xE5r", "0-4 years"],
  [2, "5-9 \xE5r", "5-9 years"],
  [3, "10 \xE5r og derover", "10 years or more"]
);
var OEKONOMI_CODES = codeLabels(
  [1, "Meget god", "Very good"],
  [2, "God", "Good"],
  [3, "Hverken god eller d\xE5rlig", "Neither good nor bad"],
  [4, "D\xE5rlig", "Bad"],
  [5, "Meget d\xE5rlig", "Very bad"]
);
var ECONOMY_POSITIVE = [1, 2];
var ECONOMY_LESS_OPTIMISTIC = [3, 4, 5];
var DIGI_PRODUKTIVITET_CODES = codeLabels(
  [1, "Meget positivt", "Very positive"],
  [2, "Positivt", "Positive"],
  [3, "Hverken eller", "Neither"],
  [4, "Negativt", "Negative"],
  [5, "Meget negativt", "Very negative"],
  [9, "Ved ikke", "Don't know"]
);
var AI_BRUG_CODES = codeLabels(
  [1, "Bruger ikke AI, og det er ikke relevant", "Does not use AI, and it is not relevant"],
  [2, "Bruger ikke AI endnu, men det er relevant", "Does not use AI yet, but it is relevant"],
  [
    3,
    "Har eksperimenteret med g\xE6ngse v\xE6rkt\xF8jer (fx ChatGPT, Copilot)",
    "Has experimented with common tools (e.g. ChatGPT, Copilot)"
  ],
  [
    4,
    "Arbejder intensivt med AI og har systematisk implementeret det",
    "Works intensively with AI and has implemented it systematically"
  ],
  [
    5,
    "Har selv udviklet AI-produkter/-v\xE6rkt\xF8jer, der bruges aktivt",
    "Has developed its own AI products/tools in active use"
  ]
);
var USES_AI = [3, 4, 5];
var RELEVANT = [2, 3, 4, 5];
var AREAS = [
  item("salg", true, "Salg og markedsf\xF8ring", "Sales and marketing"),
  item("udvikling", true, "Produkt- og forretningsudvikling", "Product and business development"),
  item("admin", true, "Administration og \xF8konomi", "Administration and finance"),
  item("kundeservice", true, "Kundeservice og support", "Customer service and support"),
  item("produktion", true, "Produktion og drift", "Production and operations"),
  item("hr", false, "HR og personale (projektets antagelse)", "HR and personnel (this project's assumption)"),
  item(
    "logistik",
    false,
    "Indk\xF8b og logistik (projektets antagelse)",
    "Purchasing and logistics (this project's assumption)"
  )
];
var PUBLISHED_AREAS = AREAS.filter((a) => a.published).map((a) => a.key);
var POTENTIAL_CODES = codeLabels(
  [1, "Meget stort potentiale", "Very large potential"],
  [2, "Stort potentiale", "Large potential"],
  [3, "Noget potentiale", "Some potential"],
  [4, "Lille potentiale", "Small potential"],
  [5, "Intet potentiale", "No potential"],
  [6, "Ikke relevant", "Not relevant"]
);
var LARGE_POTENTIAL = [1, 2];
var BARRIER_ITEMS = [
  item("viden", true, "Manglende viden om AI", "Lack of knowledge about AI"),
  item("kompetencer", true, "Manglende kompetencer og erfaring internt", "Lack of in-house skills and experience"),
  item("omkostninger", true, "Omkostninger ved implementering", "Implementation costs"),
  item("tid", false, "Mangel p\xE5 tid og ressourcer", "Lack of time and resources"),
  item("data", false, "Manglende eller utilstr\xE6kkelige data", "Missing or insufficient data"),
  item("sikkerhed", false, "Bekymring for datasikkerhed", "Data security concerns"),
  item("lovgivning", true, "Bekymring for at overtr\xE6de loven", "Fear of breaking the law"),
  item(
    "kundekontakt",
    true,
    "Forringet kundepleje og tab af personlig kontakt",
    "Poorer customer care and loss of personal contact"
  ),
  item("medarbejdere", false, "Modstand blandt medarbejdere", "Resistance among employees"),
  item("andet", false, "Andet", "Other"),
  item("ingen", false, "Ingen barrierer", "No barriers")
];
var NO_BARRIER = "ingen";
var OFFER_ITEMS = [
  item("raadgivning_ai", true, "R\xE5dgivning om anvendelse af AI", "Advice on using AI"),
  item("opkval_medarbejdere", true, "Opkvalificering af medarbejdere", "Upskilling of employees"),
  item("opkval_ledelse", true, "Opkvalificering af ledelse/bestyrelse", "Upskilling of management/board"),
  item("raadgivning_jura", true, "R\xE5dgivning om juridiske forhold", "Legal advice"),
  item("cybersikkerhed", true, "Hj\xE6lp til beskyttelse af digitale systemer", "Help protecting digital systems"),
  item("netvaerk", false, "Netv\xE6rk og erfaringsudveksling", "Networks and sharing experience"),
  item("finansiering", false, "Finansiering", "Funding"),
  item("teknisk", false, "Adgang til teknisk ekspertise", "Access to technical expertise"),
  item("andet", false, "Andet", "Other")
];
var OFFER_CHOICES = { min: 1, max: 3 };
var potentialColumn = (area) => `pot_${area}`;
var barrierColumn = (area, item2) => `bar_${area}_${item2}`;
var offerColumn = (item2) => `tilbud_${item2}`;

// ../../work/wt-mapdraft/src/codebook/base-specs.ts
var RELEVANT_CONDITION = { variable: "ai_brug", in: RELEVANT };
var areaLargePotential = (area) => ({
  variable: potentialColumn(area),
  in: LARGE_POTENTIAL
});
var POTENTIAL_CONDITION = { anyOf: AREAS.map((a) => areaLargePotential(a.key)) };
var BARRIER_CONDITION = {
  anyOf: AREAS.flatMap(
    (a) => BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => ({ variable: barrierColumn(a.key, b.key), in: [1] }))
  )
};
var BASES = [
  {
    name: "all",
    label: label("Alle SMV'er", "All SMEs"),
    parent: null,
    exclusionReason: null,
    condition: ALWAYS,
    funnel: true
  },
  {
    name: "relevant",
    label: label("SMV'er, der bruger AI eller finder det relevant", "SMEs that use AI or find it relevant"),
    parent: "all",
    exclusionReason: label(
      "har ikke anvendt kunstig intelligens og kan ikke se relevansen heraf",
      "has not used AI and does not see its relevance"
    ),
    condition: RELEVANT_CONDITION,
    funnel: true
  },
  {
    name: "potential",
    label: label(
      "SMV'er, der ser stort/meget stort potentiale inden for mindst \xE9t forretningsomr\xE5de",
      "SMEs seeing large/very large potential in at least one business area"
    ),
    parent: "relevant",
    exclusionReason: label(
      "ser ikke et stort eller meget stort potentiale inden for mindst \xE9t forretningsomr\xE5de",
      "sees no large or very large potential in any business area"
    ),
    condition: POTENTIAL_CONDITION,
    funnel: true
  },
  {
    name: "barrier",
    label: label("SMV'er, der oplever mindst \xE9n barriere", "SMEs reporting at least one barrier"),
    parent: "potential",
    exclusionReason: label(
      "oplever ikke mindst \xE9n barriere for arbejdet med kunstig intelligens",
      "reports no barrier to working with AI"
    ),
    condition: BARRIER_CONDITION,
    funnel: true
  },
  {
    name: "users",
    label: label("SMV'er, der bruger AI", "SMEs that use AI"),
    parent: "all",
    exclusionReason: label("bruger ikke kunstig intelligens", "does not use AI"),
    condition: { variable: "ai_brug", in: USES_AI },
    funnel: false
  },
  ...AREAS.map((a) => ({
    name: `potential_${a.key}`,
    label: label(
      `SMV'er, der ser stort/meget stort potentiale i ${a.label.da.toLowerCase()}`,
      `SMEs seeing large/very large potential in ${a.label.en.toLowerCase()}`
    ),
    parent: "relevant",
    exclusionReason: label(
      `ser ikke stort/meget stort potentiale i ${a.label.da.toLowerCase()}`,
      `sees no large/very large potential in ${a.label.en.toLowerCase()}`
    ),
    condition: areaLargePotential(a.key),
    funnel: false
  }))
];

// ../../work/wt-mapdraft/src/codebook/columns.ts
var BINARY = codeLabels([0, "Nej", "No"], [1, "Ja", "Yes"]);
var always = (name, kind, l, codes, published) => ({ name, kind, label: l, codes, askedOf: ALWAYS, published });
var COLUMNS = [
  always("id", "id", label("Respondent-id", "Respondent id"), [], true),
  always("branche", "categorical", label("Branche (DB07 10-grp.)", "Industry (DB07 10 groups)"), BRANCHE_CODES, true),
  always("stoerrelse", "categorical", label("Antal \xE5rsv\xE6rk", "Full-time equivalents"), STOERRELSE_CODES, true),
  always("erhvervshus", "categorical", label("Erhvervshusomr\xE5de", "Business hub region"), ERHVERVSHUS_CODES, true),
  always("alder", "categorical", label("Virksomhedens alder", "Firm age"), ALDER_CODES, true),
  always(
    "interview",
    "categorical",
    label("Interviewform", "Interview mode"),
    codeLabels([1, "e-Boks", "e-Boks (web)"], [2, "Telefon", "Telephone"]),
    true
  ),
  always(
    "oekonomi",
    "categorical",
    label("Virksomhedens nuv\xE6rende \xF8konomiske situation", "The firm's current economic situation"),
    OEKONOMI_CODES,
    false
  ),
  always(
    "digi_produktivitet",
    "categorical",
    label(
      "Digitalisering og IT-udviklings bidrag til produktiviteten det seneste halve \xE5r",
      "Contribution of digitalisation and IT to productivity over the last half year"
    ),
    DIGI_PRODUKTIVITET_CODES,
    false
  ),
  always(
    "ai_brug",
    "categorical",
    label(
      "Virksomhedens brug af kunstig intelligens de seneste seks m\xE5neder",
      "The firm's use of AI in the last six months"
    ),
    AI_BRUG_CODES,
    true
  ),
  ...AREAS.map((a) => ({
    name: potentialColumn(a.key),
    kind: "categorical",
    label: label(`Potentiale: ${a.label.da}`, `Potential: ${a.label.en}`),
    codes: POTENTIAL_CODES,
    askedOf: RELEVANT_CONDITION,
    published: a.published
  })),
  ...AREAS.flatMap(
    (a) => BARRIER_ITEMS.map((b) => ({
      name: barrierColumn(a.key, b.key),
      kind: "binary",
      label: label(`Barriere (${a.label.da}): ${b.label.da}`, `Barrier (${a.label.en}): ${b.label.en}`),
      codes: BINARY,
      askedOf: areaLargePotential(a.key),
      published: a.published && b.published,
      group: `bar_${a.key}`,
      item: b.key
    }))
  ),
  ...OFFER_ITEMS.map((o) => ({
    name: offerColumn(o.key),
    kind: "binary",
    label: label(`Tilbud: ${o.label.da}`, `Offer: ${o.label.en}`),
    codes: BINARY,
    askedOf: BARRIER_CONDITION,
    published: o.published,
    group: "tilbud",
    item: o.key
  }))
];
var MULTI_RESPONSE_GROUPS = [
  {
    name: "tilbud",
    label: label("Mest relevante tilbud (v\xE6lg op til tre)", "Most relevant offers (choose up to three)"),
    columns: OFFER_ITEMS.map((o) => offerColumn(o.key)),
    base: "barrier",
    choices: OFFER_CHOICES
  },
  ...AREAS.map((a) => ({
    name: `bar_${a.key}`,
    label: label(`Barrierer: ${a.label.da}`, `Barriers: ${a.label.en}`),
    columns: BARRIER_ITEMS.map((b) => barrierColumn(a.key, b.key)),
    base: `potential_${a.key}`,
    exclusiveColumn: barrierColumn(a.key, NO_BARRIER),
    choices: { min: 1, max: BARRIER_ITEMS.length - 1 }
  }))
];
var POPULATION = {
  label: label("SMV'er med ansatte (1-249 \xE5rsv\xE6rk)", "Employer SMEs (1-249 FTE)"),
  total: 177677
};

// ../../work/wt-mapdraft/src/codebook/groupings.ts
var STOERRELSE_2GRP = {
  name: "stoerrelse_2grp",
  variable: "stoerrelse",
  label: label("Antal \xE5rsv\xE6rk (to grupper)", "Full-time equivalents (two groups)"),
  groups: [
    { label: label("Under 10 \xE5rsv\xE6rk", "Under 10 FTE"), codes: UNDER_10_FTE },
    { label: label("Mindst 10 \xE5rsv\xE6rk", "10 FTE or more"), codes: AT_LEAST_10_FTE }
  ]
};
var OEKONOMI_2GRP = {
  name: "oekonomi_2grp",
  variable: "oekonomi",
  label: label("\xD8konomisk situation (to grupper)", "Economic situation (two groups)"),
  groups: [
    { label: label("Positiv (meget god/god)", "Positive (very good/good)"), codes: ECONOMY_POSITIVE },
    {
      label: label("Mindre optimistisk (\xF8vrige svar)", "Less optimistic (other answers)"),
      codes: ECONOMY_LESS_OPTIMISTIC
    }
  ]
};

// ../../work/wt-mapdraft/test/helpers/supplier-panel.ts
var AREAS2 = [
  ["salg", "Salg og markedsf\xF8ring"],
  ["kundeservice", "Kundeservice og support"],
  ["produktion", "Produktion og drift"],
  ["admin", "Administration og \xF8konomistyring"],
  ["udvikling", "Produkt- og forretningsudvikling"],
  ["hr", "HR og personaleadministration"],
  ["logistik", "Indk\xF8b og logistik"]
];
var BARRIERS = [
  ["viden", "Manglende viden om AI"],
  ["kompetencer", "Mangel p\xE5 kompetencer og erfaring i virksomheden"],
  ["tid", "Manglende tid og ressourcer"],
  ["omkostninger", "Omkostninger til implementering"],
  ["data", "Manglende/utilstr\xE6kkelige data"],
  ["sikkerhed", "Bekymringer om datasikkerhed"],
  ["lovgivning", "Frygt for at overtr\xE6de lovgivningen"],
  ["medarbejdere", "Modstand hos medarbejderne"],
  ["kundekontakt", "Forringet kundepleje/tab af den personlige kontakt"],
  ["andet", "Andet"],
  ["ingen", "Ingen barrierer"]
];
var OFFERS = [
  ["raadgivning_ai", "R\xE5dgivning om brug af AI"],
  ["opkval_medarbejdere", "Opkvalificering af medarbejdere"],
  ["opkval_ledelse", "Opkvalificering af ledelse og bestyrelse"],
  ["raadgivning_jura", "Juridisk r\xE5dgivning"],
  ["cybersikkerhed", "Hj\xE6lp til at beskytte virksomhedens digitale systemer (cybersikkerhed)"],
  ["netvaerk", "Netv\xE6rk og erfaringsudveksling med andre virksomheder"],
  ["finansiering", "Finansiering/medfinansiering"],
  ["teknisk", "Adgang til teknisk ekspertise"],
  ["andet", "Andet"]
];
var CHOSEN = {
  labels: [
    [1, "Valgt"],
    [2, "Ikke valgt"]
  ],
  toSupplier: { 1: 1, 0: 2 }
};
var reversed = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i + 1, n - i]));
var PLANS = [
  { contract: "id", name: "RESPID", label: "Respondentnummer" },
  {
    contract: "branche",
    name: "S1",
    label: "S1. Hvilken branche tilh\xF8rer virksomheden? (DB07, 10 grupper)",
    labels: [
      [1, "Landbrug, skovbrug og fiskeri"],
      [2, "Industri, r\xE5stofindvinding og forsyning"],
      [3, "Bygge- og anl\xE6gsvirksomhed"],
      [4, "Handel og transport"],
      [5, "Information og kommunikation"],
      [6, "Finansiering og forsikring"],
      [7, "Ejendomshandel og udlejning"],
      [8, "Erhvervsservice"],
      [9, "Offentlig administration, undervisning og sundhed"],
      [10, "Kultur, fritid og anden service"]
    ]
  },
  {
    contract: "stoerrelse",
    name: "S2",
    label: "S2. Hvor mange \xE5rsv\xE6rk er der i virksomheden?",
    labels: [
      [1, "0-9 \xE5rsv\xE6rk"],
      [2, "10-49 \xE5rsv\xE6rk"],
      [3, "50-249 \xE5rsv\xE6rk"]
    ]
  },
  {
    contract: "erhvervshus",
    name: "S3",
    label: "S3. Hvilket erhvervshus h\xF8rer virksomheden under?",
    labels: [
      [1, "Erhvervshus Nordjylland"],
      [2, "Erhvervshus Midtjylland"],
      [3, "Erhvervshus Sydjylland"],
      [4, "Erhvervshus Fyn"],
      [5, "Erhvervshus Sj\xE6lland"],
      [6, "Erhvervshus Hovedstaden"]
    ],
    toSupplier: reversed(6)
  },
  {
    contract: "alder",
    name: "S4",
    label: "S4. Hvor mange \xE5r har virksomheden eksisteret?",
    labels: [
      [1, "Under 5 \xE5r"],
      [2, "5-9 \xE5r"],
      [3, "10 \xE5r eller \xE6ldre"]
    ]
  },
  {
    contract: "interview",
    name: "METODE",
    label: "Interviewmetode",
    labels: [
      [1, "Telefoninterview"],
      [2, "Webskema via e-Boks"]
    ],
    toSupplier: { 1: 2, 2: 1 }
  },
  {
    contract: "oekonomi",
    name: "Q1",
    label: "Q1. Hvordan vil du beskrive virksomhedens \xF8konomiske situation i dag?",
    labels: [
      [1, "Meget d\xE5rlig"],
      [2, "D\xE5rlig"],
      [3, "Hverken god eller d\xE5rlig"],
      [4, "God"],
      [5, "Meget god"]
    ],
    toSupplier: reversed(5)
  },
  {
    contract: "digi_produktivitet",
    name: "Q2",
    label: "Q2. Hvordan har digitalisering og IT bidraget til virksomhedens produktivitet det seneste halve \xE5r?",
    labels: [
      [1, "Meget positivt"],
      [2, "Positivt"],
      [3, "Hverken positivt eller negativt"],
      [4, "Negativt"],
      [5, "Meget negativt"],
      [99, "Ved ikke"]
    ],
    toSupplier: { 9: 99 },
    missing: [99]
  },
  {
    contract: "ai_brug",
    name: "Q3",
    label: "Q3. Hvilket udsagn beskriver bedst virksomhedens brug af kunstig intelligens (AI) i de seneste 6 m\xE5neder?",
    labels: [
      [1, "Vi bruger ikke AI, og det er ikke relevant for os"],
      [2, "Vi bruger ikke AI endnu, men det er relevant for os"],
      [3, "Vi har eksperimenteret med g\xE6ngse AI-v\xE6rkt\xF8jer (fx ChatGPT eller Copilot)"],
      [4, "Vi arbejder intensivt med AI og har implementeret det systematisk"],
      [5, "Vi har selv udviklet AI-produkter eller -v\xE6rkt\xF8jer, som bruges aktivt"]
    ]
  },
  ...AREAS2.map(([area, text], a) => ({
    contract: `pot_${area}`,
    name: `Q4_${a + 1}`,
    label: `Q4_${a + 1}. Potentiale ved brug af AI - ${text}`,
    labels: [
      [1, "Intet potentiale"],
      [2, "Lille potentiale"],
      [3, "Noget potentiale"],
      [4, "Stort potentiale"],
      [5, "Meget stort potentiale"],
      [6, "Ikke relevant for virksomheden"]
    ],
    toSupplier: reversed(5)
  })),
  ...AREAS2.flatMap(
    ([area, areaText], a) => BARRIERS.map(([item2, text], i) => {
      const name = `Q5_${a + 1}_${i + 1}`;
      const label2 = `${name}. Barrierer for AI - ${areaText}: ${text}`;
      return { contract: `bar_${area}_${item2}`, name, label: label2, ...CHOSEN };
    })
  ),
  ...OFFERS.map(([item2, text], o) => ({
    contract: `tilbud_${item2}`,
    name: `Q6_${o + 1}`,
    label: `Q6_${o + 1}. Mest relevante tilbud (v\xE6lg op til 3) - ${text}`,
    ...CHOSEN
  }))
];
function supplierPanel(rows) {
  const lines = (0, import_fs.readFileSync)((0, import_path.join)(__dirname, "..", "..", "data", "survey", "panel-2025-synthetic.csv"), "utf8").split("\n").filter((l) => l !== "");
  const header = lines[0].split(",");
  const data = lines.slice(1, rows + 1).map((l) => l.split(","));
  const key2 = { columns: {}, codes: {} };
  const columns2 = PLANS.map((plan) => {
    const k = header.indexOf(plan.contract);
    const spec = COLUMNS.find((c) => c.name === plan.contract);
    if (k < 0 || spec === void 0) throw new Error(`supplierPanel: no contract column ${plan.contract}`);
    key2.columns[plan.contract] = plan.name;
    const to = (code) => plan.toSupplier?.[code] ?? code;
    if (spec.kind !== "id")
      key2.codes[plan.contract] = Object.fromEntries(spec.codes.map((c) => [String(to(c.code)), c.code]));
    const values = data.map((cells) => cells[k] === "" ? null : to(Number(cells[k])));
    return { name: plan.name, label: plan.label, valueLabels: plan.labels, missing: plan.missing, values };
  });
  if (columns2.length !== COLUMNS.length) throw new Error("supplierPanel: not one variable per contract column");
  return { columns: columns2, key: key2 };
}
function scoreDraft(mapping, key2) {
  const wrong = [];
  let columns2 = 0;
  let codes = 0;
  let codesOf = 0;
  for (const [contract, name] of Object.entries(key2.columns)) {
    const right = (mapping.columns[contract] ?? contract) === name;
    if (right) columns2++;
    else wrong.push(`${contract}: ${mapping.columns[contract] ?? "(own name)"} instead of ${name}`);
    for (const [value, code] of Object.entries(key2.codes[contract] ?? {})) {
      codesOf++;
      const drafted = value in (mapping.codes[contract] ?? {}) ? mapping.codes[contract][value] : Number(value);
      if (right && drafted === code) codes++;
      else if (right) wrong.push(`${contract} ${value}: ${drafted} instead of ${code}`);
    }
  }
  return { columns: columns2, columnsOf: Object.keys(key2.columns).length, codes, codesOf, wrong };
}

// ../../work/wt-mapdraft/test/helpers/sav-writer.ts
var int = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
var dbl = (x) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b;
};
var padded = (b, to, fill = 32) => {
  const out = Buffer.alloc(Math.ceil(b.length / to) * to || to, fill);
  b.copy(out);
  return out;
};
function writeSav(columns2, options) {
  const encode = options.encode ?? ((t) => Buffer.from(t, "utf8"));
  const n = columns2[0]?.values.length ?? 0;
  const parts = [];
  const text = (t, len) => padded(Buffer.from(t, "latin1"), len).subarray(0, len);
  parts.push(Buffer.from("$FL2", "latin1"), text("@(#) SPSS DATA FILE test writer", 60));
  parts.push(int(2), int(columns2.length), int(0), int(0), int(options.cases ?? n), dbl(100));
  parts.push(text("01 Jan 25", 9), text("00:00:00", 8), text("", 64), Buffer.alloc(3));
  for (const c of columns2) {
    const format = c.string ? 1 << 16 | 8 << 8 : 5 << 16 | 8 << 8;
    const missing = c.missing ?? [];
    parts.push(int(2), int(c.string ? 8 : 0), int(c.label ? 1 : 0), int(missing.length), int(format), int(format));
    parts.push(text(c.name.toUpperCase(), 8));
    if (c.label) {
      const l = encode(c.label);
      parts.push(int(l.length), padded(l, 4, 32));
    }
    parts.push(...missing.map(dbl));
  }
  columns2.forEach((c, i) => {
    if (!c.valueLabels) return;
    parts.push(int(3), int(c.valueLabels.length));
    for (const [v, label2] of c.valueLabels) {
      const l = encode(label2);
      parts.push(dbl(v), padded(Buffer.concat([Buffer.from([l.length]), l]), 8));
    }
    parts.push(int(4), int(1), int(i + 1));
  });
  if (options.codePage !== void 0)
    parts.push(int(7), int(3), int(4), int(8), ...[1, 0, 0, -1, 1, 1, 2, options.codePage].map(int));
  if (options.encodingRecord !== void 0) {
    const e = Buffer.from(options.encodingRecord, "latin1");
    parts.push(int(7), int(20), int(1), int(e.length), e);
  }
  parts.push(int(999), int(0));
  for (let r = 0; r < n; r++)
    for (const c of columns2) {
      const v = c.values[r];
      if (c.string) parts.push(padded(encode(String(v ?? "")), 8).subarray(0, 8));
      else parts.push(dbl(typeof v === "number" ? v : -Number.MAX_VALUE));
    }
  return Buffer.concat(parts);
}

// gen.ts
var import_draft_mapping = require("/work/wt-mapdraft/lib/data/draft-mapping.js");
var import_typed = require("/work/wt-mapdraft/lib/data/readers/typed.js");
var { columns, key } = supplierPanel(Number(process.argv[2] ?? 300));
var file = "/tmp/mapdraft/levering.sav";
(0, import_fs2.writeFileSync)(file, writeSav(columns, {}));
(0, import_fs2.writeFileSync)("/tmp/mapdraft/key.json", JSON.stringify(key, null, 1));
var d = (0, import_draft_mapping.draftMapping)((0, import_typed.readDelivered)(file));
var s = scoreDraft(d.mapping, key);
console.log(`columns ${s.columns}/${s.columnsOf}, codes ${s.codes}/${s.codesOf}`);
console.log(s.wrong.slice(0, 400).join("\n"));
