import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a baresip (Debian package) config for a build machine: G.711 only, aubridge standing in for a sound card,
 * and the sndfile module saving what baresip decoded into `soundDir` as `*-dec.wav`.
 */
export function writeBaresipConfig(dir: string, options: { sipPort: number; rtpPorts: [number, number]; soundDir: string; account: string }): void {
  const config = [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${options.sipPort}`,
    'audio_player aubridge,callscript',
    'audio_source aubridge,callscript',
    'audio_alert aubridge,alert',
    `rtp_ports ${options.rtpPorts[0]}-${options.rtpPorts[1]}`,
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module aubridge.so',
    'module sndfile.so',
    'module_app account.so',
    'module_app menu.so',
    `snd_path ${options.soundDir}`,
  ].join('\n');
  writeFileSync(join(dir, 'config'), `${config}\n`);
  writeFileSync(join(dir, 'accounts'), `${options.account}\n`);
}
