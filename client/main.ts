/** Entry point: Pinia, router and i18n, then the app. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, initialLocale, setLocale } from './i18n/index.js';
import { router } from './router.js';
import './styles/base.css';
import './styles/layout.css';

setLocale(initialLocale());

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
