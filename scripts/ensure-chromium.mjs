// Browser tests need Debian's Chromium and CJK fonts. Install them when running as root, otherwise stop with the
// exact command: a browser test is never skipped silently.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const fonts = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const command = 'apt-get update && apt-get install -y chromium fonts-noto-cjk'

if (!existsSync(chromium) || !existsSync(fonts)) {
  if (process.getuid?.() === 0) {
    console.log(`Browser tests need Chromium and Noto CJK fonts; installing: ${command}`)
    execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  } else {
    console.error(`Browser tests need Chromium (${chromium}) and Noto CJK fonts. Install them with:\n  sudo ${command}`)
    process.exit(1)
  }
}
