/**
 * A replica's name inside a logged sentence, filled in when the sentence is shown: an update
 * often arrives before its writer's name does (the first sync precedes awareness), so the op log
 * keeps a token and the view writes the name it knows now.
 */
const OPEN = '\uE000'
const CLOSE = '\uE001'
const TOKEN = /\uE000(\d+)\uE001/g

export const nameToken = (clientID: number): string => `${OPEN}${clientID}${CLOSE}`

/** The sentence with every token replaced by `nameOf(clientID)`. */
export const fillNames = (s: string, nameOf: (clientID: number) => string): string =>
  s.includes(OPEN) ? s.replace(TOKEN, (_, id: string) => nameOf(Number(id))) : s
