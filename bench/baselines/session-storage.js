// Baseline 2: a per-tab sessionStorage copy like the Buyer Portal's (its `persist:company` in sessionStorage): on start-up, fetch
// current.jwt; when it differs from the JWT the stored token was minted with, mint again. A JWT is
// issued anew (new iat) for every request, so in practice this mints on most page views.
;(async () => {
  const stored = JSON.parse(sessionStorage.getItem('baseline-b2b') || 'null')
  const jwtAnswer = await fetch('/customer/current.jwt?app_client_id=dl7c39mdpul6hyc489yk0vzxl6jesyx', { cache: 'no-store' })
  if (!jwtAnswer.ok) {
    sessionStorage.removeItem('baseline-b2b')
    return window.baselineDone(null)
  }
  const bcToken = await jwtAnswer.text()
  if (stored && stored.bcToken === bcToken) return window.baselineDone(stored.token)
  const answer = await fetch(window.B2B_ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation userAuth($bcToken:String!,$channelId:Int!){authorization(authData:{bcToken:$bcToken,channelId:$channelId}){result{token}}}',
      variables: { bcToken, channelId: 1 },
    }),
  })
  const token = (await answer.json()).data.authorization.result.token
  sessionStorage.setItem('baseline-b2b', JSON.stringify({ bcToken, token }))
  window.baselineDone(token)
})().catch((error) => window.baselineDone(null, error))
