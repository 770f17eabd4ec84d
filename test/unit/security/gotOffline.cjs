// Stand-in for `got` inside electronegativity: every request fails at once (no network in tests).
const offline = () => Promise.reject(new Error('offline'))
offline.head = offline
offline.get = offline
module.exports = offline
module.exports.default = offline
