CREATE TABLE public.app_notes (id serial PRIMARY KEY, note text NOT NULL);
