// Baseline 1: the seed's examples as a theme would paste them: on every page view, ask current.jwt
// and mint a token. Run by the bench in place of the module; B2B_ENDPOINT is set by the page.
;(async () => {
  const jwtAnswer = await fetch('/customer/current.jwt?app_client_id=dl7c39mdpul6hyc489yk0vzxl6jesyx', { cache: 'no-store' })
  if (!jwtAnswer.ok) return window.baselineDone(null)
  const bcToken = await jwtAnswer.text()
  const answer = await fetch(window.B2B_ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation userAuth($bcToken:String!,$channelId:Int!){authorization(authData:{bcToken:$bcToken,channelId:$channelId}){result{token}}}',
      variables: { bcToken, channelId: 1 },
    }),
  })
  window.baselineDone((await answer.json()).data.authorization.result.token)
})().catch((error) => window.baselineDone(null, error))
