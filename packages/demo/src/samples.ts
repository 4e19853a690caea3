// The "Fill in a sample" content: one query and a mixed set of passages — some answer it, some
// share its words but not its meaning (the Python library, the red panda), some are off topic —
// so a real reranker's ordering is easy to judge at a glance.

export const SAMPLE_QUERY = 'What do giant pandas eat?';

export const SAMPLE_PASSAGES: readonly string[] = [
  'The pandas library for Python offers DataFrame objects for fast, flexible data analysis.',
  'Giant pandas eat almost nothing but bamboo: an adult spends 10 to 16 hours a day feeding and can eat 12 to 38 kg of shoots, leaves and stems.',
  'The red panda is a small tree-dwelling mammal of the eastern Himalayas; despite the name it is not closely related to the giant panda.',
  'Although bamboo makes up 99% of its diet, the giant panda is classified as a carnivore and occasionally eats rodents, birds or carrion.',
  'To make a simple bamboo shoot stir-fry, slice the shoots thinly and cook them with garlic, chili and soy sauce for five minutes.',
  'Koalas feed almost exclusively on eucalyptus leaves, which are low in nutrients and toxic to most other animals.',
  'Because bamboo is hard to digest, a giant panda absorbs only about a fifth of what it eats and must feed for most of the day.',
  'The Wolong National Nature Reserve in Sichuan was created in 1963 to protect giant panda habitat.',
  'Photosynthesis converts light energy into chemical energy stored in glucose, releasing oxygen as a by-product.',
  'Le panda géant se nourrit presque exclusivement de bambou, dont il mange les pousses, les feuilles et les tiges.',
  'A newborn giant panda weighs about 100 grams, roughly 1/900 of its mother\'s weight.',
  'In zoos, giant pandas are fed bamboo along with special biscuits, apples and carrots.',
];
