import L from 'leaflet';
