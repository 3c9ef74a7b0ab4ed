// The location picker: no map tiles (the sandbox runs offline), a gridded box around a centre;
// a click maps to a latitude and longitude, presets jump to well-known places.
import { byId, el } from './chat-dom.js';

/** Well-known places: the first is the default centre. */
export const PRESETS = [
  { label: '广州塔 Canton Tower', lat: 23.1066, lng: 113.3245 },
  { label: '天安门 Tiananmen', lat: 39.9087, lng: 116.3975 },
  { label: '外滩 The Bund', lat: 31.2397, lng: 121.4998 },
  { label: '深圳湾 Shenzhen Bay', lat: 22.5196, lng: 113.9519 },
];

// Half the box, in degrees: about 2 km north-south, 3 km east-west at these latitudes.
const HALF_LAT = 0.02;
const HALF_LNG = 0.03;

/**
 * Wires the picker's tray. `onSend({lat,lng,label})` sends the point; it resolves when done.
 * Returns `reset()`, which puts the marker back on the current centre.
 */
export function setUpLocationPicker(onSend) {
  const map = byId('location-map');
  const marker = byId('location-marker');
  const coords = byId('location-coords');
  const label = byId('location-label');
  const centreName = byId('location-centre');
  let centre = PRESETS[0];
  let point = { lat: centre.lat, lng: centre.lng };

  const show = () => {
    const x = 50 + ((point.lng - centre.lng) / HALF_LNG) * 50;
    const y = 50 - ((point.lat - centre.lat) / HALF_LAT) * 50;
    marker.style.left = `${x}%`;
    marker.style.top = `${y}%`;
    coords.textContent = `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`;
  };
  const jump = (preset) => {
    centre = preset;
    point = { lat: preset.lat, lng: preset.lng };
    centreName.textContent = preset.label;
    label.value = preset.label.split(' ')[0];
    show();
  };

  const presets = byId('location-presets');
  for (const preset of PRESETS) {
    presets.append(el('button', { type: 'button', class: 'ghost small', 'data-testid': 'location-preset', onclick: () => jump(preset), text: preset.label }));
  }
  map.addEventListener('click', (event) => {
    const box = map.getBoundingClientRect();
    const fx = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const fy = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    point = { lat: round(centre.lat + (0.5 - fy) * 2 * HALF_LAT), lng: round(centre.lng + (fx - 0.5) * 2 * HALF_LNG) };
    if (label.value === centre.label.split(' ')[0]) label.value = `${centre.label.split(' ')[0]}附近 nearby`;
    show();
  });
  byId('location-send').addEventListener('click', () => {
    void onSend({ lat: point.lat, lng: point.lng, label: label.value.trim() });
  });
  jump(centre);
  return { reset: () => jump(centre) };
}

function round(degrees) {
  return Math.round(degrees * 1e6) / 1e6;
}
